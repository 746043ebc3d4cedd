//go:build !linux

package publish

import (
	"errors"
	"fmt"
)

// exchange is not available outside Linux: Commit falls back to two
// renames (see Stage.Commit).
func exchange(a, b string) error {
	return fmt.Errorf("exchanging %s and %s: %w", a, b, errors.ErrUnsupported)
}
