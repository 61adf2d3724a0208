// Package contentfs reads a content folder as untrusted input: through an os.Root,
// which no path can leave, refusing symbolic links and anything that is not a
// regular file or a folder (devices, pipes, sockets), and reading each file only
// up to a size limit.
package contentfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"syscall"
)

// ErrSymlink is returned for a path that is, or goes through, a symbolic link.
var ErrSymlink = errors.New("symbolic links are refused: content files must be regular files inside the content folder")

// ErrNotRegular is returned for a device, pipe or socket.
var ErrNotRegular = errors.New("not a regular file: devices, pipes and sockets are refused")

// TooLargeError is returned by ReadFile for a file over its limit.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the file is %s, over the limit of %s", Bytes(e.Size), Bytes(e.Limit))
}

// Bytes writes a size for people: "12 KiB", "5 MiB".
func Bytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// FS is a content folder opened with Dir. Close it when done.
type FS struct {
	root *os.Root
}

// Dir opens the folder dir as a content folder.
func Dir(dir string) (*FS, error) {
	fi, err := os.Lstat(dir)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() && fi.Mode()&fs.ModeSymlink == 0 {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &FS{root: root}, nil
}

// Close releases the folder.
func (f *FS) Close() error { return f.root.Close() }

// check returns an error unless every element of name is a folder or, for the
// last, a regular file or folder, none of them a symbolic link. The root confines
// what check cannot (a file replaced by a link between the check and the open).
func (f *FS) check(op, name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return f.root.Lstat(".")
	}
	var fi fs.FileInfo
	parts := strings.Split(name, "/")
	for i := range parts {
		p := path.Join(parts[:i+1]...)
		var err error
		fi, err = f.root.Lstat(p)
		if err != nil {
			return nil, &fs.PathError{Op: op, Path: name, Err: unwrap(err)}
		}
		last := i == len(parts)-1
		switch {
		case fi.Mode()&fs.ModeSymlink != 0:
			return nil, &fs.PathError{Op: op, Path: name, Err: ErrSymlink}
		case fi.IsDir():
		case last && fi.Mode().IsRegular():
		default:
			return nil, &fs.PathError{Op: op, Path: name, Err: ErrNotRegular}
		}
	}
	return fi, nil
}

func unwrap(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// Open implements fs.FS.
func (f *FS) Open(name string) (fs.File, error) {
	fi, err := f.check("open", name)
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return f.root.Open(name)
	}
	// O_NONBLOCK: should a pipe take the file's place after the check, opening it
	// does not wait for a writer; the Stat below refuses it.
	file, err := f.root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	if st, err := file.Stat(); err != nil || !st.Mode().IsRegular() {
		file.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: ErrNotRegular}
	}
	return file, nil
}

// Stat implements fs.StatFS: like Open, it refuses symbolic links.
func (f *FS) Stat(name string) (fs.FileInfo, error) { return f.check("stat", name) }

// ReadDir implements fs.ReadDirFS. Entries keep their own type, so that a symbolic
// link in a folder shows as one.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if _, err := f.check("readdir", name); err != nil {
		return nil, err
	}
	return fs.ReadDir(f.root.FS(), name)
}

// ReadFile reads name from fsys, refusing anything but a regular file and any file
// over limit bytes (a *TooLargeError), without reading more than limit+1 bytes.
// It works on any fs.FS: the embedded content as well as a folder opened with Dir.
func ReadFile(fsys fs.FS, name string, limit int64) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	if fi.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: &TooLargeError{Size: fi.Size(), Limit: limit}}
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit { // the file grew after Stat
		return nil, &fs.PathError{Op: "read", Path: name, Err: &TooLargeError{Size: int64(len(data)), Limit: limit}}
	}
	return data, nil
}
