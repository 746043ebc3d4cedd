package images

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// Cache keeps published copies on disk between builds, one file per copy
// holding its bytes as published, named by the hash of its key (source
// hash and settings), so a build can hard-link it into the site instead
// of copying it. Beside each entry, NAME.sum records its SHA-256, size
// and modification time: an entry whose bytes do not match (a disk
// error, a partial copy, a published file edited in place through its
// link) is made again, never published. An entry whose size and time
// still match its record is linked without being read (the same trust as
// Stamp); one whose time changed is read and checked.
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

const sumMagic = "clinicgen-image-cache 2\n"

// entryName matches the files the cache writes (and leftovers of a write
// that did not finish): Clean removes nothing else. Copies are .img,
// stamps (see Stamp) .src, each with its .sum.
var entryName = regexp.MustCompile(`^[0-9a-f]{64}\.(img|src)(\.sum)?(\.tmp[0-9]+)?$`)

func fileOf(key string) string {
	s := sha256.Sum256([]byte(key))
	ext := ".img"
	if strings.HasPrefix(key, "stamp|") {
		ext = ".src"
	}
	return hex.EncodeToString(s[:]) + ext
}

// record is what NAME.sum says of an entry.
type record struct {
	sum     string
	size    int64
	modTime int64
}

func (c *Cache) record(name string) (record, bool) {
	b, err := os.ReadFile(filepath.Join(c.dir, name+".sum"))
	if err != nil || !bytes.HasPrefix(b, []byte(sumMagic)) {
		return record{}, false
	}
	var r record
	if _, err := fmt.Sscanf(string(b[len(sumMagic):]), "%64s %d %d\n", &r.sum, &r.size, &r.modTime); err != nil || len(r.sum) != 64 {
		return record{}, false
	}
	return r, true
}

func (c *Cache) get(key string) ([]byte, bool) {
	name := fileOf(key)
	r, ok := c.record(name)
	if !ok {
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(c.dir, name))
	if err != nil || int64(len(data)) != r.size || digest(data) != r.sum {
		return nil, false
	}
	c.mark(name)
	return data, true
}

// has reports whether an entry for key is on disk, with a stat and
// nothing more: file and get check it when it is used (and a damaged one
// is made again then).
func (c *Cache) has(key string) bool {
	name := fileOf(key)
	fi, err := os.Stat(filepath.Join(c.dir, name))
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	c.mark(name)
	return true
}

// file returns the path of the entry for key, checked: an entry whose
// size and modification time match its record is taken as it is, any
// other is read and its hash compared (and the record's time updated
// when it matches).
func (c *Cache) file(key string) (string, bool) {
	name := fileOf(key)
	r, ok := c.record(name)
	if !ok {
		return "", false
	}
	p := filepath.Join(c.dir, name)
	fi, err := os.Stat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != r.size {
		return "", false
	}
	if fi.ModTime().UnixNano() != r.modTime {
		data, err := os.ReadFile(p)
		if err != nil || digest(data) != r.sum {
			return "", false
		}
		if !c.ReadOnly {
			c.writeRecord(name, record{r.sum, fi.Size(), fi.ModTime().UnixNano()})
		}
	}
	c.mark(name)
	return p, true
}

func (c *Cache) mark(name string) {
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
}

// put writes an entry, reporting whether it did. A cache that cannot be
// written only makes the next build slower, so errors are dropped. The
// entry is written whole under a temporary name and renamed, never
// changed in place: a site that links it keeps its bytes.
func (c *Cache) put(key string, data []byte) bool {
	name := fileOf(key)
	c.mark(name)
	if c.ReadOnly {
		return false
	}
	if err := c.ensureDir(); err != nil {
		return false
	}
	p := filepath.Join(c.dir, name)
	if err := writeAtomic(p, data); err != nil {
		return false
	}
	fi, err := os.Stat(p)
	if err != nil {
		return false
	}
	return c.writeRecord(name, record{digest(data), fi.Size(), fi.ModTime().UnixNano()}) == nil
}

func (c *Cache) writeRecord(name string, r record) error {
	return writeAtomic(filepath.Join(c.dir, name+".sum"), fmt.Appendf([]byte(sumMagic), "%s %d %d\n", r.sum, r.size, r.modTime))
}

// writeAtomic writes data to a temporary file beside p and renames it p.
func writeAtomic(p string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(p), filepath.Base(p)+".tmp*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		// CreateTemp makes the file 0600; a site links it, and must stay
		// readable by the web server.
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), p)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
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
// files named like entries are touched. It returns how many entries it
// removed.
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
		if !de.Type().IsRegular() || !entryName.MatchString(name) || c.used[strings.TrimSuffix(name, ".sum")] {
			continue
		}
		if err := os.Remove(filepath.Join(c.dir, name)); err != nil {
			return n, err
		}
		if !strings.Contains(name, ".sum") {
			n++ // an entry, not its record
		}
	}
	return n, nil
}
