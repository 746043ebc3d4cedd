package config

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// AppendList adds items to the top-level list key of config.yaml (src),
// creating the key at the end when it is missing, and returns the new
// file. The rest of the file, comments and layout included, is kept
// byte for byte: the items are written as text after the list's last
// line, which the yaml.v3 node tree locates. Each item is a list of
// key/value pairs written as YAML double-quoted strings.
func AppendList(src []byte, key string, items [][][2]string) ([]byte, error) {
	if len(items) == 0 {
		return src, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("config.yaml: %v", err)
	}
	var root *yaml.Node
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
		root = doc.Content[0]
	} else if doc.Kind != 0 {
		return nil, fmt.Errorf("config.yaml: the top level is not a map of settings")
	}
	lines := strings.SplitAfter(string(src), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if root != nil {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value != key {
				continue
			}
			seq := root.Content[i+1]
			switch {
			case seq.Kind == yaml.ScalarNode && seq.Tag == "!!null":
				// "people:" with nothing after it: the items follow.
			case seq.Kind != yaml.SequenceNode:
				return nil, fmt.Errorf("config.yaml:%d: %s is not a list", seq.Line, key)
			case seq.Style&yaml.FlowStyle != 0 && len(seq.Content) > 0:
				return nil, fmt.Errorf("config.yaml:%d: %s is written as [a, b] on one line; write it as a list with one \"- \" item per line first", seq.Line, key)
			}
			indent := 2
			if seq.Kind == yaml.SequenceNode && len(seq.Content) > 0 {
				indent = seq.Content[0].Column - 3 // the "- " before the item
			}
			// The list ends before the next top-level key, less the
			// blank and comment lines that lead into that key.
			end := len(lines)
			if i+2 < len(root.Content) {
				end = root.Content[i+2].Line - 1
				for end > 0 && (strings.TrimSpace(lines[end-1]) == "" || strings.HasPrefix(lines[end-1], "#")) {
					end--
				}
			}
			var b strings.Builder
			keyLine := lines[root.Content[i].Line-1]
			for n, l := range lines[:end] {
				if n == root.Content[i].Line-1 && seq.Kind == yaml.SequenceNode && seq.Style&yaml.FlowStyle != 0 {
					l = key + ":\n" // "people: []"
				} else if n == root.Content[i].Line-1 {
					l = keyLine
				}
				b.WriteString(l)
			}
			if end > 0 && !strings.HasSuffix(lines[end-1], "\n") {
				b.WriteString("\n")
			}
			writeItems(&b, items, max(indent, 0))
			for _, l := range lines[end:] {
				b.WriteString(l)
			}
			return check([]byte(b.String()))
		}
	}
	var b bytes.Buffer
	b.Write(src)
	if len(src) > 0 && !bytes.HasSuffix(src, []byte("\n")) {
		b.WriteString("\n")
	}
	b.WriteString("\n" + key + ":\n")
	var sb strings.Builder
	writeItems(&sb, items, 2)
	b.WriteString(sb.String())
	return check(b.Bytes())
}

func writeItems(b *strings.Builder, items [][][2]string, indent int) {
	pad := strings.Repeat(" ", indent)
	for _, it := range items {
		for j, kv := range it {
			if j == 0 {
				b.WriteString(pad + "- ")
			} else {
				b.WriteString(pad + "  ")
			}
			b.WriteString(kv[0] + ": " + strconv.Quote(kv[1]) + "\n")
		}
	}
}

// check makes sure the edited file still parses.
func check(out []byte) ([]byte, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(out, &n); err != nil {
		return nil, fmt.Errorf("config.yaml could not be edited safely (%v); add the entries by hand", err)
	}
	return out, nil
}
