// Package publish is the only package that writes the built site to disk.
//
// A build writes every output through a Writer. The disk Writer, Stage,
// writes into a fresh staging directory beside the destination and, on
// Commit, swaps it in whole, so a reader of the destination sees either the
// previous build or the new one, never a mix, and files that the new build no
// longer produces do not survive. A failed build calls Abort and leaves the
// destination exactly as it was. Memory is the same Writer kept in memory,
// for the dev server.
//
// Every output passes through one chain, the same for both writers:
//
//	Transform(rel, data)      e.g. minify by media type (nil: unchanged)
//	→ rel                     written
//	→ rel.gz, rel.br          when Compress is set, for text outputs over 1 KiB
//
// Contract:
//   - rel is a slash path relative to the site root ("articles/x/index.html").
//     Absolute paths, backslashes, empty, "." or ".." segments are errors.
//   - Writing one rel twice is an error naming it: two outputs with one URL
//     is a bug upstream, and the second would silently win.
//   - Write is safe for concurrent use; every error names rel.
//   - Compressed files are byte-for-byte deterministic: the gzip header has
//     no name and no time, and the same input always gives the same bytes.
//   - Nothing panics on bad input.
package publish

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/andybalholm/brotli/matchfinder"
)

// Writer receives the outputs of a build.
type Writer interface {
	// Write stores data at rel, a slash path such as "articles/x/index.html".
	// It is safe for concurrent use.
	Write(rel string, data []byte) error
}

// TransformFunc rewrites one output before it is stored: it gets the output's
// rel and bytes and returns the bytes to store. It must be safe for
// concurrent use and may return data itself.
type TransformFunc func(rel string, data []byte) ([]byte, error)

// Chain returns a TransformFunc that applies each non-nil transform in turn,
// the output of one being the input of the next (for example minify, then
// inject the dev server's live-reload script). It stops at the first error.
func Chain(transforms ...TransformFunc) TransformFunc {
	return func(rel string, data []byte) ([]byte, error) {
		for _, t := range transforms {
			if t == nil {
				continue
			}
			var err error
			if data, err = t(rel, data); err != nil {
				return nil, err
			}
		}
		return data, nil
	}
}

// Options configure the chain every output passes through.
type Options struct {
	// Transform rewrites an output before it is stored, e.g. minifies it by
	// media type (use Chain to combine several). Its error is returned by
	// Write, wrapped and naming rel. nil leaves outputs unchanged.
	Transform TransformFunc
	// Compress also stores rel.gz and rel.br beside every text output (.html,
	// .css, .js, .json, .xml, .svg, .txt, .webmanifest) larger than
	// CompressMin bytes after Transform, for servers that send precompressed
	// files. It costs about 0.3 ms of CPU per 20 KB page at the levels below
	// (BenchmarkCompress), 3 s of CPU for 10,000 pages: too much for the
	// everyday build's time budget, so turn it on for deploy builds only.
	Compress bool
	// Release, when set, is handed each output Transform returned once the
	// Stage has stored it (never data Write was given, nor a Memory
	// writer's outputs, which it keeps), so Transform may write into
	// buffers it reuses.
	Release func([]byte)
}

const (
	// CompressMin is the size in bytes above which text outputs are
	// precompressed; smaller files gain too little to be worth a request
	// header lookup.
	CompressMin = 1024
	// GzipLevel is the level of .gz files: gzip.BestSpeed. Only clients
	// without brotli get them, and on a 20 KB page it is 5× faster than the
	// default level (95 µs against 470 µs) for a 7 % larger file.
	GzipLevel = gzip.BestSpeed
	// BrotliLevel is the level of .br files, made with brotli.NewWriterV2.
	// Brotli at quality 11 takes 35 ms per 20 KB page in pure Go, 6 minutes
	// of CPU for 10,000 pages; level 3 of the V2 encoder takes 160 µs for a
	// file 13 % larger than quality 11 and 5 % larger than quality 5 (655
	// µs). See BenchmarkCompress.
	BrotliLevel = 3
)

// checkRel reports why rel is not a clean relative slash path, or nil.
func checkRel(rel string) error {
	var why string
	switch {
	case rel == "":
		why = "empty path"
	case strings.HasPrefix(rel, "/"):
		why = "absolute path"
	case strings.Contains(rel, `\`):
		why = "backslash in path (use /)"
	case strings.IndexByte(rel, 0) >= 0:
		why = "NUL byte in path"
	default:
		for seg := range strings.SplitSeq(rel, "/") {
			switch seg {
			case "":
				why = "empty path segment"
			case ".", "..":
				why = fmt.Sprintf("%q path segment", seg)
			}
			if why != "" {
				break
			}
		}
	}
	if why != "" {
		return fmt.Errorf("publish: invalid output path %q: %s", rel, why)
	}
	return nil
}

// compressible reports whether rel is a text output worth precompressing.
func compressible(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".webmanifest":
		return true
	}
	return false
}

// output is one file to store.
type output struct {
	rel  string
	data []byte
}

// chain runs Options over one output. It pools compressors, so it is used
// by pointer and shared by all goroutines of one writer.
type chain struct {
	transform   TransformFunc
	compress    bool
	gzipLevel   int
	brotliLevel int
	gz          sync.Pool // *gzip.Writer
	br          sync.Pool // *matchfinder.Writer
}

func newChain(o Options) *chain {
	return &chain{transform: o.Transform, compress: o.Compress, gzipLevel: GzipLevel, brotliLevel: BrotliLevel}
}

// outputs returns rel with its transformed data, followed by the compressed
// siblings when they are due.
func (c *chain) outputs(rel string, data []byte) ([]output, error) {
	if c.transform != nil {
		out, err := c.transform(rel, data)
		if err != nil {
			return nil, fmt.Errorf("publish %s: %w", rel, err)
		}
		data = out
	}
	outs := []output{{rel, data}}
	if !c.compress || len(data) <= CompressMin || !compressible(rel) {
		return outs, nil
	}
	gz, err := c.gzip(data)
	if err != nil {
		return nil, fmt.Errorf("publish %s.gz: %w", rel, err)
	}
	br, err := c.brotli(data)
	if err != nil {
		return nil, fmt.Errorf("publish %s.br: %w", rel, err)
	}
	return append(outs, output{rel + ".gz", gz}, output{rel + ".br", br}), nil
}

// gzip compresses data with a header that has no name, no modification time
// and a fixed OS byte, so equal input gives equal bytes.
func (c *chain) gzip(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(data)/3 + 64)
	zw, _ := c.gz.Get().(*gzip.Writer)
	if zw == nil {
		var err error
		if zw, err = gzip.NewWriterLevel(&buf, c.gzipLevel); err != nil {
			return nil, err
		}
	} else {
		zw.Reset(&buf)
	}
	defer c.gz.Put(zw)
	zw.Header = gzip.Header{OS: 255} // unknown OS; zero ModTime writes 0
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// brotli compresses data at the chain's level with the V2 encoder.
func (c *chain) brotli(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(data)/3 + 64)
	bw, _ := c.br.Get().(*matchfinder.Writer)
	if bw == nil {
		bw = brotli.NewWriterV2(&buf, c.brotliLevel)
	} else {
		bw.Reset(&buf)
	}
	defer c.br.Put(bw)
	if _, err := bw.Write(data); err != nil {
		return nil, err
	}
	if err := bw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
