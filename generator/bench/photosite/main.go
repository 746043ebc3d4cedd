// Command photosite writes a site for measuring what photos cost a build:
// this repository's config.yaml, layouts/, assets/ and content/, plus N
// articles under content/articles/photos/, each showing its own 12 MP
// (4000×3000) phone-sized JPEG:
//
//	go run ./generator/bench/photosite [-n 200] [-photos=true] [-turned 0] [-repo .] OUT
//
// The photos share their pixels (one is encoded, at quality 90, with noise
// so it compresses like a photo, about 4 MB) and differ in a comment
// segment, so each is its own file to the build and its cache. With
// -photos=false the same articles are written without their photos: the
// site to compare a cached rebuild against.
//
// With -turned F, a share F of the photos is stored turned, as a phone
// stores most photos: the pixels as the sensor read them and an EXIF
// Orientation telling viewers how to turn them upright — 6 for a portrait
// photo (3000×4000 when upright), and now and then 3 (upside down) or 8
// (portrait, turned the other way). Each is the same upright picture as
// the others of its shape, so the build's output must show it upright.
//
//	/usr/bin/time -v go run ./generator build --source OUT --destination OUT/public
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
)

func main() {
	n := flag.Int("n", 200, "number of articles, each with one photo")
	photos := flag.Bool("photos", true, "write the photos (false: the same articles without them)")
	turned := flag.Float64("turned", 0, "share of the photos stored turned, with an EXIF Orientation (0..1)")
	repo := flag.String("repo", ".", "the repository root, whose site files are copied")
	flag.Parse()
	if flag.NArg() != 1 || *turned < 0 || *turned > 1 {
		log.Fatal("usage: photosite [-n 200] [-photos=true] [-turned 0..1] [-repo .] OUT")
	}
	out := flag.Arg(0)
	for _, d := range []string{"config.yaml", "layouts", "assets", "content"} {
		if err := copyTree(filepath.Join(*repo, d), filepath.Join(out, d)); err != nil {
			log.Fatal(err)
		}
	}
	dir := filepath.Join(out, "content", "articles", "photos")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		log.Fatal(err)
	}
	// The encoded photo of each EXIF orientation, made when first needed.
	bases := map[int][]byte{}
	k := 0 // turned photos so far
	for i := range *n {
		name := fmt.Sprintf("day-%03d", i)
		body := "Some text about the day at the clinic, with a photo of the waiting room.\n"
		if *photos {
			// Photo i is turned when the share reaches a new whole number.
			o := 1
			if int(float64(i+1)**turned) > int(float64(i)**turned) {
				o = [...]int{6, 6, 6, 3, 6, 6, 6, 8}[k%8]
				k++
			}
			base, ok := bases[o]
			if !ok {
				base = turnedPhoto(o)
				bases[o] = base
			}
			body += "\n![The waiting room](" + name + ".jpg)\n"
			// A comment segment after SOI: same pixels, different bytes.
			c := []byte(fmt.Sprintf("photo %d", i))
			seg := append([]byte{0xFF, 0xFE, byte((len(c) + 2) >> 8), byte(len(c) + 2)}, c...)
			data := append(append(append([]byte(nil), base[:2]...), seg...), base[2:]...)
			if err := os.WriteFile(filepath.Join(dir, name+".jpg"), data, 0o644); err != nil {
				log.Fatal(err)
			}
		}
		md := fmt.Sprintf("---\ntitle: Day %d\ndate: 2026-01-01\ndescription: A day at the clinic.\n---\n%s", i, body)
		if err := os.WriteFile(filepath.Join(dir, name+".md"), []byte(md), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// turnedPhoto is the JPEG a phone would store for orientation o: the
// picture (4000×3000, or 3000×4000 upright for a portrait photo) stored
// so that turning it as o says shows it upright, with an EXIF segment
// carrying o (none for 1).
func turnedPhoto(o int) []byte {
	if o == 1 {
		return photo(4000, 3000)
	}
	w, h := 4000, 3000
	if o >= 5 {
		w, h = h, w
	}
	up := picture(w, h)
	sw, sh := w, h
	if o >= 5 {
		sw, sh = h, w
	}
	stored := image.NewRGBA(image.Rect(0, 0, sw, sh))
	for y := range h {
		for x := range w {
			// Where the upright pixel (x, y) is stored (EXIF's definitions).
			var sx, sy int
			switch o {
			case 3:
				sx, sy = sw-1-x, sh-1-y
			case 6:
				sx, sy = y, sh-1-x
			case 8:
				sx, sy = sw-1-y, x
			default:
				log.Fatalf("orientation %d is not written", o)
			}
			copy(stored.Pix[stored.PixOffset(sx, sy):][:4], up.Pix[up.PixOffset(x, y):][:4])
		}
	}
	enc := encode(stored)
	// Little-endian TIFF: IFD0 with one entry, Orientation (SHORT).
	tiff := []byte{'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, byte(o), 0, 0, 0, 0, 0, 0, 0}
	exif := append([]byte("Exif\x00\x00"), tiff...)
	seg := append([]byte{0xFF, 0xE1, byte((len(exif) + 2) >> 8), byte(len(exif) + 2)}, exif...)
	return append(append(append([]byte(nil), enc[:2]...), seg...), enc[2:]...)
}

// photo encodes a w×h JPEG of smooth gradients with noise.
func photo(w, h int) []byte {
	return encode(picture(w, h))
}

// picture is w×h of smooth gradients with noise.
func picture(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			nz := r.IntN(24)
			img.Set(x, y, color.RGBA{uint8(x*200/w + nz), uint8(y*200/h + nz), uint8((x+y)*100/(w+h) + 60 + nz), 255})
		}
	}
	return img
}

// encode is img as a JPEG of quality 90.
func encode(img image.Image) []byte {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		t := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(t, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(t), 0o755); err != nil {
			return err
		}
		return os.WriteFile(t, b, 0o644)
	})
}
