package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// atxHeading is goldmark's ATX heading parser with heading attributes
// ({#id .class}) read only on lines that end with '}'. goldmark's own
// attribute option reads every heading line with a fresh text.Reader and
// segment list, a handful of allocations per heading that nearly no page
// needs. Both parsers generate unique automatic ids; their Continue and
// Close do the same, so either may finish a heading the other opened.
type atxHeading struct {
	plain, attr parser.BlockParser
}

func newATXHeading() atxHeading {
	return atxHeading{
		plain: parser.NewATXHeadingParser(parser.WithAutoHeadingID()),
		attr:  parser.NewATXHeadingParser(parser.WithAutoHeadingID(), parser.WithHeadingAttribute()),
	}
}

// Trigger implements parser.BlockParser.
func (h atxHeading) Trigger() []byte { return h.plain.Trigger() }

// Open implements parser.BlockParser.
func (h atxHeading) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	end := len(line)
	for end > 0 && (line[end-1] == ' ' || line[end-1] == '\t' || line[end-1] == '\n' || line[end-1] == '\r') {
		end--
	}
	if end > 0 && line[end-1] == '}' {
		return h.attr.Open(parent, reader, pc)
	}
	return h.plain.Open(parent, reader, pc)
}

// Continue implements parser.BlockParser.
func (h atxHeading) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return h.plain.Continue(node, reader, pc)
}

// Close implements parser.BlockParser. goldmark's Close panics on an id
// that is not text ({id=5} reads as a number); such an id becomes empty
// text, which the transformer replaces with a Warning.
func (h atxHeading) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if v, ok := node.AttributeString("id"); ok {
		switch x := v.(type) {
		case []byte:
		case string:
			node.SetAttributeString("id", []byte(x))
		default:
			node.SetAttributeString("id", []byte{})
		}
	}
	h.plain.Close(node, reader, pc)
}

// CanInterruptParagraph implements parser.BlockParser.
func (h atxHeading) CanInterruptParagraph() bool { return h.plain.CanInterruptParagraph() }

// CanAcceptIndentedLine implements parser.BlockParser.
func (h atxHeading) CanAcceptIndentedLine() bool { return h.plain.CanAcceptIndentedLine() }
