// Command photosite writes a site for measuring what photos cost a build:
// this repository's config.yaml, layouts/, assets/ and content/, plus N
// articles under content/articles/photos/, each showing its own 12 MP
// (4000×3000) phone-sized JPEG:
//
//	go run ./generator/bench/photosite [-n 200] [-photos=true] [-repo .] OUT
//
// The photos share their pixels (one is encoded, at quality 90, with noise
// so it compresses like a photo, about 4 MB) and differ in a comment
// segment, so each is its own file to the build and its cache. With
// -photos=false the same articles are written without their photos: the
// site to compare a cached rebuild against.
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
	repo := flag.String("repo", ".", "the repository root, whose site files are copied")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: photosite [-n 200] [-photos=true] [-repo .] OUT")
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
	var base []byte
	if *photos {
		base = photo(4000, 3000)
	}
	for i := range *n {
		name := fmt.Sprintf("day-%03d", i)
		body := "Some text about the day at the clinic, with a photo of the waiting room.\n"
		if *photos {
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

// photo encodes a w×h JPEG of smooth gradients with noise.
func photo(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for y := range h {
		for x := range w {
			nz := r.IntN(24)
			img.Set(x, y, color.RGBA{uint8(x*200/w + nz), uint8(y*200/h + nz), uint8((x+y)*100/(w+h) + 60 + nz), 255})
		}
	}
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
