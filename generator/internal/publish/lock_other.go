//go:build !unix

package publish

import "os"

// lockDir takes no lock where there is no flock, and keeps nothing open:
// Windows cannot rename or remove a folder that is open. The nil file's
// Close is a harmless error.
func lockDir(string) (*os.File, error) { return nil, nil }

// tryLockDir cannot tell whether another build is using dir, so it always
// reports the lock as taken and leftovers are never removed here.
func tryLockDir(string) *os.File { return nil }
