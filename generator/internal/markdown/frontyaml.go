package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"gopkg.in/yaml.v2"
)

// frontParser is goldmark-meta's block parser (meta.NewParser) with one
// change: Close decodes the YAML once. goldmark-meta v1.1.0's Close
// unmarshals the block twice, into a map and into a yaml.MapSlice that this
// package never reads, which is a third of the parse time of a short page.
// Where the block starts and ends is still goldmark-meta's decision (its
// Trigger, Open and Continue), so every guard of scanFront stays needed and
// true.
//
// The outcome is exactly what meta.TryGet would return: the map (a fresh
// map[string]any, nil for a null document) when yaml.v2 reads the block as a
// map, else goldmark-meta's error, which is the MapSlice decode's error when
// that fails too (it is the one goldmark-meta keeps) and the map decode's
// otherwise. Decoding into a MapSlice accepts everything a map decode does
// (its keys need not be text or hashable), so a map decode that succeeds
// needs no second decode.
//
// The result goes to the document's state (found under key in the
// parser.Context), as yaml and yamlErr.
type frontParser struct {
	parser.BlockParser // goldmark-meta's
	key                parser.ContextKey
}

// Close implements parser.BlockParser.
func (f frontParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(f.key).(*state)
	if st == nil {
		return
	}
	src := yamlSource(node.Lines(), reader.Source())
	m := map[string]any{}
	if err := yaml.Unmarshal(src, &m); err != nil {
		st.yamlErr = err
		var items yaml.MapSlice
		if err := yaml.Unmarshal(src, &items); err != nil {
			st.yamlErr = err
		}
	} else {
		st.yaml = m
	}
	if st.yamlErr == nil {
		node.Parent().RemoveChild(node.Parent(), node)
	}
}

// yamlSource returns the text of the block's lines as goldmark-meta joins
// them: a slice of source when they are plain lines that follow each other,
// as they are at the top of a document, else a copy.
func yamlSource(lines *text.Segments, source []byte) []byte {
	if lines.Len() == 0 {
		return nil
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	contiguous := true
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		if s.Padding != 0 || s.ForceNewline || (i > 0 && s.Start != lines.At(i-1).Stop) {
			contiguous = false
			break
		}
	}
	if contiguous {
		return source[first.Start:last.Stop:last.Stop]
	}
	var b []byte
	for i := 0; i < lines.Len(); i++ {
		s := lines.At(i)
		b = append(b, s.Value(source)...)
	}
	return b
}
