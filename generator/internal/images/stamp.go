package images

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"strconv"
)

// Stamp is what the file system says of a source file. A cached build
// takes a photo whose stamp matches an earlier run's as unchanged and
// neither reads nor hashes it, as make and Git's index do: a rebuild then
// costs a stat per photo, not a read of every byte. The trade-off: a file
// rewritten with the same size, modification time and inode (a tool that
// sets the time back after writing) is not noticed until it is touched or
// the cache folder is deleted. Editors, Git checkouts, copies and
// downloads all change the time or the inode.
type Stamp struct {
	Path    string // site path, as passed to Process
	Size    int64
	ModTime int64  // Unix nanoseconds
	Inode   uint64 // 0 where the system has none
}

// StampOf is the stamp of the file at site path name described by fi.
func StampOf(name string, fi fs.FileInfo) Stamp {
	return Stamp{Path: name, Size: fi.Size(), ModTime: fi.ModTime().UnixNano(), Inode: inode(fi)}
}

func (s Stamp) key(maxPixels int) string {
	return "stamp|" + s.Path + "|" + strconv.FormatInt(s.Size, 10) + "|" + strconv.FormatInt(s.ModTime, 10) + "|" +
		strconv.FormatUint(s.Inode, 10) + "|max" + strconv.Itoa(maxPixels) + "|v" + version
}

// known is what a stamp entry records: the source's hash and what
// Inspect found.
type known struct {
	Sum  string
	Info Info
}

// Known returns what an earlier run found in the source with stamp s
// (checked against maxPixels): its Info, and the digest ProcessKnown
// takes. It is false without a cache or when the source changed.
func (p *Processor) Known(s Stamp, maxPixels int) (Info, string, bool) {
	if p.Cache == nil || s.ModTime == 0 {
		return Info{}, "", false
	}
	b, ok := p.Cache.get(s.key(maxPixels))
	if !ok {
		return Info{}, "", false
	}
	var k known
	if json.Unmarshal(b, &k) != nil || len(k.Sum) != 2*sha256.Size || k.Info.Width <= 0 || k.Info.Height <= 0 {
		return Info{}, "", false
	}
	return k.Info, k.Sum, true
}

// Remember records that the source with stamp s has the digest of r and
// Info in (for Known).
func (p *Processor) Remember(s Stamp, maxPixels int, r Result) {
	if p.Cache == nil || s.ModTime == 0 || r.sum == "" {
		return
	}
	b, err := json.Marshal(known{Sum: r.sum, Info: r.in})
	if err == nil {
		p.Cache.put(s.key(maxPixels), b)
	}
}

func digest(data []byte) string {
	s := sha256.Sum256(data)
	return hex.EncodeToString(s[:])
}
