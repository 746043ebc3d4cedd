//go:build unix

package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockDir opens dir and takes an exclusive advisory lock on it (flock),
// held until the returned file is closed, also after dir is renamed. A
// build holds it on its staging folder and on the previous build it is
// replacing, so a concurrent build's leftover cleanup leaves both alone.
func lockDir(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// tryLockDir is lockDir that does not wait: it returns nil when another
// process holds the lock or dir cannot be opened.
func tryLockDir(dir string) *os.File {
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		return nil
	}
	return f
}
