package build_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image/jpeg"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"clinicgen/generator/internal/build"
	"clinicgen/generator/internal/cputime"
	"clinicgen/generator/internal/sitetest"
)

// Integration tests of issue 17, photos: resized copies with srcset,
// metadata stripped, a cache, and errors for files that are not photos.

func photoSite(t *testing.T) *sitetest.Site {
	s := sitetest.Write(t, clinicYAML+
		mdFile("articles/flu-day.md", "title: Flu-shot day\ndate: 2026-01-01\nimage: team.jpg\nimageAlt: The team\n",
			"![The waiting room](room.jpg)\n\nText.\n\n![The team](team.jpg)\n\n![A dot](dot.svg)"))
	s.Edit("content/articles/room.jpg", sitetest.GPSJPEG(t, 1000, 500))
	s.Edit("content/articles/team.jpg", sitetest.GPSJPEG(t, 1700, 850))
	s.Edit("content/articles/dot.svg", `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>`)
	return s
}

func TestPhotosGetSrcsetAndLoseMetadata(t *testing.T) {
	s := photoSite(t)
	s.Rebuild()
	s.AssertOK()
	imgs := tags(between(s.File("articles/flu-day/index.html"), "<main", "</main>"), "img")
	sizes := "(min-width: 46rem) 42rem, 100vw"
	want := []map[string]string{
		{"src": "/articles/room.jpg", "alt": "The waiting room", "width": "1000", "height": "500", "decoding": "async",
			"srcset": "/articles/room-480w.jpg 480w, /articles/room-800w.jpg 800w, /articles/room.jpg 1000w", "sizes": sizes},
		{"src": "/articles/team-1600w.jpg", "alt": "The team", "width": "1600", "height": "800", "loading": "lazy", "decoding": "async",
			"srcset": "/articles/team-480w.jpg 480w, /articles/team-800w.jpg 800w, /articles/team-1200w.jpg 1200w, /articles/team-1600w.jpg 1600w", "sizes": sizes},
		{"src": "/articles/dot.svg", "alt": "A dot", "width": "4", "height": "4", "loading": "lazy", "decoding": "async"},
	}
	if diff := cmp.Diff(want, imgs); diff != "" {
		t.Errorf("images (-want +got):\n%s", diff)
	}
	for _, f := range []string{"room.jpg", "room-480w.jpg", "room-800w.jpg", "team.jpg", "team-480w.jpg", "team-800w.jpg", "team-1200w.jpg", "team-1600w.jpg"} {
		b := s.File("articles/" + f)
		if strings.Contains(b, "Exif\x00") || strings.Contains(b, "Dr. Secret") {
			t.Errorf("%s still carries EXIF or the comment", f)
		}
		if _, err := jpeg.DecodeConfig(strings.NewReader(b)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	s.AssertNoFile("articles/room-1200w.jpg") // never wider than the original
	// The share image is a 1200×630 crop of its own.
	s.AssertFile("articles/flu-day/index.html", `content="https://clinic.example/articles/team-share.jpg"`,
		`property="og:image:width" content="1200"`, `property="og:image:height" content="630"`)
	if cfg, err := jpeg.DecodeConfig(strings.NewReader(s.File("articles/team-share.jpg"))); err != nil || cfg.Width != 1200 || cfg.Height != 630 {
		t.Errorf("share crop %+v, %v", cfg, err)
	}
	// The build does not warn; check does, once per photo.
	for _, d := range s.Diags() {
		if d.Code == "image-gps" {
			t.Errorf("build warned: %v", d)
		}
	}
	r := build.Check(s.Root, s.Opt)
	n := 0
	for _, d := range r.Diags {
		if d.Code == "image-gps" {
			n++
			if !strings.Contains(d.Msg, "this photo records where it was taken; the published copy will not") {
				t.Errorf("warning %q", d.Msg)
			}
		}
	}
	if n != 2 {
		t.Errorf("check gave %d GPS warnings, want 2:\n%v", n, r.Diags)
	}
}

func TestPhotoCache(t *testing.T) {
	s := photoSite(t)
	var resized atomic.Int64
	s.Opt.OnImageResize = func(string, int) { resized.Add(1) }
	s.Rebuild()
	s.AssertOK()
	if n := resized.Load(); n != 7 {
		t.Fatalf("first build resized %d copies, want 7 (6 + the share crop)", n)
	}
	first := s.File("articles/team-800w.jpg")
	cache := filepath.Join(s.Root, ".cache", "images")
	if _, err := os.Stat(filepath.Join(cache, ".gitignore")); err != nil {
		t.Errorf("cache has no .gitignore: %v", err)
	}
	resized.Store(0)
	s.Rebuild()
	s.AssertOK()
	if n := resized.Load(); n != 0 {
		t.Errorf("second build resized %d copies, want 0", n)
	}
	// A damaged entry is made again, never published.
	ents, _ := filepath.Glob(filepath.Join(cache, "*.img"))
	for _, e := range ents {
		b, _ := os.ReadFile(e)
		b[len(b)/3] ^= 0x55
		os.WriteFile(e, b, 0o644)
	}
	resized.Store(0)
	s.Rebuild()
	s.AssertOK()
	if n := resized.Load(); n != 7 {
		t.Errorf("after damaging the cache resized %d, want 7", n)
	}
	if s.File("articles/team-800w.jpg") != first {
		t.Error("copy made again differs")
	}
	// Removing a photo cleans its entries.
	s.Edit("content/articles/flu-day.md", "---\ntitle: Flu-shot day\ndate: 2026-01-01\n---\n![The waiting room](room.jpg)\n")
	s.Edit("content/articles/team.jpg", "")
	s.Rebuild()
	s.AssertOK()
	if ents, _ := filepath.Glob(filepath.Join(cache, "*.img")); len(ents) != 3 {
		t.Errorf("%d cache entries after removing team.jpg, want 3 (room: full, 480, 800)", len(ents))
	}
}

func TestBrokenPhotosAreErrors(t *testing.T) {
	s := photoSite(t)
	s.Rebuild()
	s.AssertOK()
	before := s.File("articles/flu-day/index.html")
	// A .jpg that holds a web page, used on line 7 of the file.
	s.Edit("content/articles/room.jpg", "<!DOCTYPE html><html><body>Download</body></html>")
	// A tiny PNG declaring 60000×60000 that no page uses.
	ihdr := binary.BigEndian.AppendUint32(nil, 60000)
	ihdr = binary.BigEndian.AppendUint32(ihdr, 60000)
	s.Edit("content/articles/bomb.png", "\x89PNG\r\n\x1a\n"+string(pngChunkT("IHDR", append(ihdr, 8, 6, 0, 0, 0)))+string(pngChunkT("IEND", nil)))
	s.Rebuild()
	s.AssertFailed()
	s.AssertDiag("content/articles/flu-day.md:7:", `image "room.jpg" cannot be published: room.jpg is named like a JPEG image but holds an HTML page`)
	s.AssertDiag("content/articles/bomb.png:", "60000×60000", "maxPixels", "resize it before adding it")
	// A file named like a resized copy of another photo is not replaced.
	s.Edit("content/articles/room.jpg", sitetest.GPSJPEG(t, 1000, 500))
	s.Edit("content/articles/bomb.png", "")
	s.Edit("content/articles/team-480w.jpg", sitetest.GPSJPEG(t, 100, 50))
	s.Rebuild()
	s.AssertFailed()
	s.AssertDiag("content/articles/team.jpg:", "its resized copy articles/team-480w.jpg would replace a file of the site", "rename one of the two files")
	if got := s.File("articles/flu-day/index.html"); got != before {
		t.Error("a failed build changed public/")
	}
}

func pngChunkT(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[4:]))
}

// TestCheckPhotosWritesNothing: check proves each photo decodes and warns
// about GPS, but makes no copies and leaves no cache behind.
func TestCheckPhotosWritesNothing(t *testing.T) {
	s := photoSite(t)
	var resized atomic.Int64
	opt := s.Opt
	opt.OnImageResize = func(string, int) { resized.Add(1) }
	r := build.Check(s.Root, opt)
	if r.Diags.HasErrors() {
		t.Fatal(r.Diags)
	}
	if n := resized.Load(); n != 0 {
		t.Errorf("check resized %d copies", n)
	}
	if _, err := os.Stat(filepath.Join(s.Root, ".cache")); err == nil {
		t.Error("check wrote .cache")
	}
	// A photo cut short after its header is found by check too.
	room := sitetest.GPSJPEG(t, 1000, 500)
	s.Edit("content/articles/room.jpg", room[:len(room)/2])
	r = build.Check(s.Root, opt)
	found := false
	for _, d := range r.Diags {
		if d.Path == "content/articles/flu-day.md" && d.Line == 7 && strings.Contains(d.Msg, "room.jpg is damaged or incomplete") {
			found = true
		}
	}
	if !found {
		t.Errorf("check did not report the truncated photo at its line:\n%v", r.Diags)
	}
}

// BenchmarkPhotoSite builds a site of 20 articles, each showing a 12 MP
// phone photo, with the image cache full ("cached"), against the same
// site without the photos ("none"): what photos add to a rebuild.
//
//	go test ./generator/internal/build -run '^$' -bench PhotoSite -benchtime 3x
func BenchmarkPhotoSite(b *testing.B) {
	var (
		withPhotos, without strings.Builder
		t                   = &testing.T{}
	)
	base := sitetest.GPSJPEG(t, 4000, 3000)
	for i := range 20 {
		front := "title: Photo " + strconv.Itoa(i) + "\ndate: 2026-01-01\n"
		without.WriteString(mdFile("articles/p"+strconv.Itoa(i)+".md", front, "Some text about the day."))
		withPhotos.WriteString(mdFile("articles/p"+strconv.Itoa(i)+".md", front, "Some text about the day.\n\n![The day](p"+strconv.Itoa(i)+".jpg)"))
	}
	site := func(b *testing.B, archive string, photos bool) *sitetest.Site {
		s := sitetest.Write(b, clinicYAML+archive)
		if photos {
			for i := range 20 {
				// Same pixels, different bytes: each is its own photo.
				s.Edit("content/articles/p"+strconv.Itoa(i)+".jpg", base[:2]+"\xff\xfe\x00\x05p"+strconv.Itoa(i%10)+strconv.Itoa(i/10)+base[2:])
			}
		}
		s.Rebuild()
		s.AssertOK()
		return s
	}
	loop := func(b *testing.B, s *sitetest.Site) {
		cpu := cputime.Used()
		for b.Loop() {
			s.Rebuild()
		}
		b.ReportMetric(float64((cputime.Used()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	}
	b.Run("none", func(b *testing.B) { loop(b, site(b, without.String(), false)) })
	b.Run("cached", func(b *testing.B) { loop(b, site(b, withPhotos.String(), true)) })
}

// TestPhotoNameWithSpace: srcset URLs are escaped (a space would end one)
// and every copy they name is published.
func TestPhotoNameWithSpace(t *testing.T) {
	s := sitetest.Write(t, clinicYAML+mdFile("articles/a.md", "title: A\ndate: 2026-01-01\n", "![The room](<waiting room.jpg>)"))
	s.Edit("content/articles/waiting room.jpg", sitetest.GPSJPEG(t, 900, 600))
	s.Rebuild()
	s.AssertOK()
	imgs := tags(between(s.File("articles/a/index.html"), "<main", "</main>"), "img")
	if len(imgs) != 1 || imgs[0]["srcset"] != "/articles/waiting%20room-480w.jpg 480w, /articles/waiting%20room-800w.jpg 800w, /articles/waiting%20room.jpg 900w" {
		t.Fatalf("img %v", imgs)
	}
	s.File("articles/waiting room-480w.jpg")
}

// TestDraftPhotoNotPublished: a photo only a draft shows is left out with
// every copy made of it.
func TestDraftPhotoNotPublished(t *testing.T) {
	s := sitetest.Write(t, clinicYAML+
		mdFile("articles/later.md", "title: Later\ndate: 2026-01-01\ndraft: true\nimage: team.jpg\nimageAlt: The team\n", "![The team](team.jpg)"))
	s.Edit("content/articles/team.jpg", sitetest.GPSJPEG(t, 1700, 850))
	s.Rebuild()
	s.AssertOK()
	for _, f := range []string{"team.jpg", "team-480w.jpg", "team-1600w.jpg", "team-share.jpg"} {
		s.AssertNoFile("articles/" + f)
	}
}

// TestRunHoldsNoPhotoBytes: a build with an image cache (as `build` runs)
// keeps no photo's bytes between preparing and writing it: the published
// copies are taken from the cache, or stripped from the source, as each
// is written, so memory does not grow with the number of photos.
func TestRunHoldsNoPhotoBytes(t *testing.T) {
	s := photoSite(t)
	for range 2 { // first build, then from the cache
		s.Rebuild()
		s.AssertOK()
		for _, f := range []string{"room.jpg", "room-480w.jpg", "room-800w.jpg", "team.jpg", "team-1600w.jpg"} {
			data, ok := s.Result.Project.Files["articles/"+f]
			if !ok || data != nil {
				t.Errorf("Project.Files[%s]: present %v, holds %d bytes; want present and nil", f, ok, len(data))
			}
			b := s.File("articles/" + f)
			if strings.Contains(b, "Exif\x00") || strings.Contains(b, "Dr. Secret") {
				t.Errorf("%s still carries EXIF or the comment", f)
			}
			if _, err := jpeg.Decode(strings.NewReader(b)); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
	}
}

// TestCachedRebuildLinksPhotos: a rebuild from a full image cache neither
// reads nor hashes a photo whose size, time and inode are unchanged (see
// images.Stamp), and publishes its copies as hard links to the cache's
// entries; a photo whose time changes is read again.
func TestCachedRebuildLinksPhotos(t *testing.T) {
	s := photoSite(t)
	s.Rebuild()
	s.AssertOK()
	s.Rebuild()
	s.AssertOK()
	cache := filepath.Join(s.Root, ".cache", "images")
	ents, _ := filepath.Glob(filepath.Join(cache, "*.img"))
	for _, f := range []string{"room.jpg", "room-480w.jpg", "team-1600w.jpg"} {
		pub, err := os.Stat(filepath.Join(s.Public, "articles", f))
		if err != nil {
			t.Fatal(err)
		}
		linked := false
		for _, e := range ents {
			if fi, err := os.Stat(e); err == nil && os.SameFile(fi, pub) {
				linked = true
			}
		}
		if !linked {
			t.Errorf("%s is not a link to a cache entry", f)
		}
		if m := pub.Mode().Perm(); m != 0o644 {
			t.Errorf("%s has mode %v, want 0644 (readable by the web server)", f, m)
		}
	}
	before := s.File("articles/room.jpg")
	// Same size, time and inode, other bytes: taken as unchanged.
	src := filepath.Join(s.Root, "content", "articles", "room.jpg")
	fi, _ := os.Stat(src)
	junk := bytes.Repeat([]byte("x"), int(fi.Size()))
	f, err := os.OpenFile(src, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(junk)
	f.Close()
	if err := os.Chtimes(src, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	s.Rebuild()
	s.AssertOK()
	if s.File("articles/room.jpg") != before {
		t.Error("the unchanged-looking photo was published again differently")
	}
	// A new time: read, found not to be a JPEG, an error at its line.
	if err := os.Chtimes(src, fi.ModTime().Add(time.Second), fi.ModTime().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	s.Rebuild()
	s.AssertFailed()
	s.AssertDiag("content/articles/flu-day.md:")
}

// TestWebPLosesMetadataAndOthersWarn: a WebP is published without its
// EXIF and XMP chunks; check warns about a WebP, GIF or AVIF that records
// a GPS position, saying whether the published copy keeps it.
func TestWebPLosesMetadataAndOthersWarn(t *testing.T) {
	le := binary.LittleEndian
	chunk := func(id string, p []byte) []byte {
		c := append(le.AppendUint32([]byte(id), uint32(len(p))), p...)
		if len(p)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	// EXIF (TIFF) with a GPS IFD holding a latitude.
	tiff := []byte("II*\x00\x08\x00\x00\x00\x01\x00\x25\x88\x04\x00\x01\x00\x00\x00\x1a\x00\x00\x00\x00\x00\x00\x00" +
		"\x01\x00\x02\x00\x05\x00\x03\x00\x00\x00\x2c\x00\x00\x00\x00\x00\x00\x00" + strings.Repeat("\x01\x00\x00\x00", 6))
	body := []byte("WEBP")
	body = append(body, chunk("VP8X", []byte{0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0})...)
	body = append(body, chunk("VP8L", []byte("\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07"))...)
	body = append(body, chunk("EXIF", tiff)...)
	body = append(body, chunk("XMP ", []byte(`<x:xmpmeta>Dr. Secret</x:xmpmeta>`))...)
	webp := append(le.AppendUint32([]byte("RIFF"), uint32(len(body))), body...)
	gif := "GIF89a\x01\x00\x01\x00\x00\x00\x00!\xff\x0bXMP DataXMP<rdf:Description exif:GPSLatitude=\"48,51.6N\"/>\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
	s := sitetest.Write(t, clinicYAML+
		mdFile("articles/map.md", "title: Where we are\ndate: 2026-01-01\n", "![The street](street.webp)\n\n![A dot](dot.gif)"))
	s.Edit("content/articles/street.webp", string(webp))
	s.Edit("content/articles/dot.gif", gif)
	s.Rebuild()
	s.AssertOK()
	out := s.File("articles/street.webp")
	if strings.Contains(out, "EXIF") || strings.Contains(out, "Dr. Secret") || !strings.Contains(out, "VP8L") {
		t.Errorf("published WebP %q", out)
	}
	r := build.Check(s.Root, s.Opt)
	got := map[string]string{}
	for _, d := range r.Diags {
		if d.Code == "image-gps" {
			got[d.Path] = d.Msg
		}
	}
	want := map[string]string{
		"content/articles/street.webp": "this image records where it was taken; the published copy will not",
		"content/articles/dot.gif":     "this image records where it was taken, and it is published as it is",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GPS warnings (-want +got):\n%s\n%v", diff, r.Diags)
	}
}
