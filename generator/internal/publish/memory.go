package publish

import (
	"bytes"
	"fmt"
	"sort"
	"sync"
)

// Memory is a Writer that keeps a build in memory, for the dev server. It
// applies the same checks and chain as Stage: an unclean rel or a second
// write of one rel is an error, Transform runs, and with Compress the .gz and
// .br siblings are stored too. Safe for concurrent use.
type Memory struct {
	c *chain

	mu      sync.RWMutex
	data    map[string][]byte // every stored path, .gz/.br included
	written []string          // rels passed to Write, unsorted
}

// NewMemory returns an empty Memory.
func NewMemory(o Options) *Memory {
	return &Memory{c: newChain(o), data: map[string][]byte{}}
}

// Write stores a transformed copy of data at rel (and rel.gz, rel.br when
// due). The caller may reuse data afterwards.
func (m *Memory) Write(rel string, data []byte) error {
	if err := checkRel(rel); err != nil {
		return err
	}
	outs, err := m.c.outputs(rel, data)
	if err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, o := range outs {
		if _, dup := m.data[o.rel]; dup {
			return fmt.Errorf("publish %s: written twice; two outputs have the same URL", o.rel)
		}
	}
	for _, o := range outs {
		m.data[o.rel] = bytes.Clone(o.data)
	}
	m.written = append(m.written, rel)
	return nil
}

// Get returns the bytes stored at rel, including a .gz or .br sibling. The
// caller must not modify them.
func (m *Memory) Get(rel string) ([]byte, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	b, ok := m.data[rel]
	return b, ok
}

// Len returns how many outputs were written, not counting .gz and .br.
func (m *Memory) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.written)
}

// Paths returns the rels passed to Write, sorted, without .gz and .br.
func (m *Memory) Paths() []string {
	m.mu.RLock()
	p := append([]string(nil), m.written...)
	m.mu.RUnlock()
	sort.Strings(p)
	return p
}
