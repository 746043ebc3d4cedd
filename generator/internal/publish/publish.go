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
)

// Writer receives the outputs of a build.
type Writer interface {
	// Write stores data at rel, a slash path such as "articles/x/index.html".
	// It is safe for concurrent use.
	Write(rel string, data []byte) error
}

// Options configure the chain every output passes through.
type Options struct {
	// Transform rewrites an output before it is stored, e.g. minifies it by
	// media type. Its error is returned by Write, naming rel. nil leaves
	// outputs unchanged.
	Transform func(rel string, data []byte) ([]byte, error)
	// Compress also stores rel.gz and rel.br beside every text output (.html,
	// .css, .js, .json, .xml, .svg, .txt, .webmanifest) larger than
	// CompressMin bytes after Transform, for servers that send precompressed
	// files.
	Compress bool
}

const (
	// CompressMin is the size in bytes above which text outputs are
	// precompressed; smaller files gain too little to be worth a request
	// header lookup.
	CompressMin = 1024
	// GzipLevel is the gzip (flate) level of .gz files: the default level;
	// level 9 is 20 % slower for about 1 % smaller files.
	GzipLevel = gzip.DefaultCompression
	// BrotliQuality is the brotli quality of .br files. Quality 11, the
	// maximum, compresses a 20 KB page at about 2 MB/s in pure Go (10,000
	// pages would take minutes on two cores) for files about 5 % smaller
	// than quality 6, which runs at about 70 MB/s; see BenchmarkCompress.
	BrotliQuality = 6
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
	transform   func(rel string, data []byte) ([]byte, error)
	compress    bool
	gzipLevel   int
	brotliLevel int
	gz          sync.Pool // *gzip.Writer
	br          sync.Pool // *brotli.Writer
}

func newChain(o Options) *chain {
	return &chain{transform: o.Transform, compress: o.Compress, gzipLevel: GzipLevel, brotliLevel: BrotliQuality}
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

// brotli compresses data at the chain's quality.
func (c *chain) brotli(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(data)/3 + 64)
	bw, _ := c.br.Get().(*brotli.Writer)
	if bw == nil {
		bw = brotli.NewWriterLevel(&buf, c.brotliLevel)
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
