//go:build linux

package publish

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the directories a and b in one step with
// renameat2(RENAME_EXCHANGE), so a reader of either path always finds a
// whole directory. It returns an error matching errors.ErrUnsupported when
// the kernel or file system cannot do it (Linux before 3.15, some network
// and FUSE file systems).
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EOPNOTSUPP):
		return fmt.Errorf("exchanging %s and %s: %w (%w)", a, b, errors.ErrUnsupported, err)
	}
	return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: err}
}
