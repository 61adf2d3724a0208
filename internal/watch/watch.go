// Package watch notices changes to a content folder by polling it.
//
// Polling a content folder of a few hundred files every few hundred milliseconds
// costs little, sees files and folders created after the start (which fsnotify
// does not watch by itself, having no recursive mode), and is not confused by
// editors that save by renaming a temporary file over the original.
package watch

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// Fingerprint summarises every file under dir: its path, size and modification
// time. Two fingerprints differ when any file was added, removed or changed.
func Fingerprint(dir string) [32]byte {
	h := sha256.New()
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a file removed while walking: the next poll sees it
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		h.Write([]byte(path))
		var buf [16]byte
		binary.LittleEndian.PutUint64(buf[:8], uint64(info.Size()))
		binary.LittleEndian.PutUint64(buf[8:], uint64(info.ModTime().UnixNano()))
		h.Write(buf[:])
		return nil
	})
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// pollShare is the most of one core that polling may take: the wait between two
// looks at the folder is at least the time a look takes, times pollShare's inverse.
const pollShare = 20 // 1/20 = 5%

// Poll calls onChange each time the files under dir change, checking every
// interval, or less often for a folder so large that looking at it takes more
// than 5% of interval (a change to 1,000 articles shows in about a second), until
// ctx is done. A burst of changes (an editor saving several files) is reported
// once it has settled for one wait.
func Poll(ctx context.Context, dir string, interval time.Duration, onChange func()) {
	if _, err := os.Stat(dir); err != nil {
		return
	}
	start := time.Now()
	last := Fingerprint(dir)
	wait := max(interval, pollShare*time.Since(start))
	pending := false
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		start := time.Now()
		now := Fingerprint(dir)
		wait = max(interval, pollShare*time.Since(start))
		switch {
		case now != last:
			last, pending = now, true
		case pending:
			pending = false
			onChange()
		}
		t.Reset(wait)
	}
}
