package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sync"
)

// Cache keeps published copies on disk between builds, one file per copy,
// named by the hash of its key (source hash and settings). Each entry
// ends with the SHA-256 of its bytes: an entry that does not match
// (a disk error, a partial copy) is made again, never published.
//
// The folder gets a .gitignore of its own, so it stays out of Git
// wherever it is configured.
type Cache struct {
	// ReadOnly makes the cache only read entries, never write them.
	ReadOnly bool

	dir  string
	mu   sync.Mutex
	used map[string]bool // entry file names read or written this run
	made bool
}

// NewCache returns a cache in dir (created on first write).
func NewCache(dir string) *Cache {
	return &Cache{dir: dir, used: map[string]bool{}}
}

// Dir is the cache folder.
func (c *Cache) Dir() string { return c.dir }

const entryMagic = "clinicgen-image-cache\n"

// entryName matches the files the cache writes (and leftovers of a write
// that did not finish): Clean removes nothing else.
var entryName = regexp.MustCompile(`^[0-9a-f]{64}\.img(\.tmp[0-9]+)?$`)

func fileOf(key string) string {
	s := sha256.Sum256([]byte(key))
	return hex.EncodeToString(s[:]) + ".img"
}

func (c *Cache) get(key string) ([]byte, bool) {
	name := fileOf(key)
	b, err := os.ReadFile(filepath.Join(c.dir, name))
	if err != nil {
		return nil, false
	}
	n := len(b) - sha256.Size
	if n < len(entryMagic) || string(b[:len(entryMagic)]) != entryMagic {
		return nil, false
	}
	data := b[len(entryMagic):n]
	if sum := sha256.Sum256(data); !bytes.Equal(sum[:], b[n:]) {
		return nil, false
	}
	c.mark(name)
	return data, true
}

func (c *Cache) mark(name string) {
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
}

// has reports whether an entry for key is on disk, as long as an entry
// can be, without reading it (get checks it).
func (c *Cache) has(key string) bool {
	name := fileOf(key)
	fi, err := os.Stat(filepath.Join(c.dir, name))
	if err != nil || !fi.Mode().IsRegular() || fi.Size() < int64(len(entryMagic)+sha256.Size) {
		return false
	}
	c.mark(name)
	return true
}

// put writes an entry, reporting whether it did. A cache that cannot be
// written only makes the next build slower, so errors are dropped.
func (c *Cache) put(key string, data []byte) bool {
	name := fileOf(key)
	c.mark(name)
	if c.ReadOnly {
		return false
	}
	if err := c.ensureDir(); err != nil {
		return false
	}
	f, err := os.CreateTemp(c.dir, name+".tmp*")
	if err != nil {
		return false
	}
	sum := sha256.Sum256(data)
	_, err = f.WriteString(entryMagic)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		_, err = f.Write(sum[:])
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(c.dir, name))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err == nil
}

func (c *Cache) ensureDir() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.made {
		return nil
	}
	if err := os.MkdirAll(c.dir, 0o755); err != nil {
		return err
	}
	ign := filepath.Join(c.dir, ".gitignore")
	if _, err := os.Stat(ign); errors.Is(err, fs.ErrNotExist) {
		_ = os.WriteFile(ign, []byte("# made by the site generator: resized images, safe to delete\n*\n"), 0o644)
	}
	c.made = true
	return nil
}

// Clean removes the entries this run neither read nor wrote: copies of
// images since changed or deleted, or made with other settings. Only
// files named like entries are touched. It returns how many it removed.
func (c *Cache) Clean() (int, error) {
	des, err := os.ReadDir(c.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, de := range des {
		name := de.Name()
		if !de.Type().IsRegular() || !entryName.MatchString(name) || c.used[name] {
			continue
		}
		if err := os.Remove(filepath.Join(c.dir, name)); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
