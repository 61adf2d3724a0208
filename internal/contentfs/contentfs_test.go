package contentfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"testing/fstest"
)

// folder makes a content folder with a regular file, a subfolder, and links and
// special files that must be refused, and returns it opened.
func folder(t *testing.T) *FS {
	t.Helper()
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "content")
	outside := filepath.Join(tmp, "outside.txt")
	must(t, os.WriteFile(outside, []byte("secret"), 0o644))
	must(t, os.MkdirAll(filepath.Join(dir, "articles", "a"), 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "articles", "a", "index.md"), []byte("hello"), 0o644))
	must(t, os.Symlink(outside, filepath.Join(dir, "out.md")))
	must(t, os.Symlink("articles/a/index.md", filepath.Join(dir, "inside.md")))
	must(t, os.Symlink(filepath.Join(dir, "articles"), filepath.Join(dir, "linkdir")))
	must(t, os.Symlink("/dev/zero", filepath.Join(dir, "zero.png")))
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.md"), 0o644); err != nil {
		t.Logf("no fifo: %v", err)
	}
	f, err := Dir(dir)
	must(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestRefused(t *testing.T) {
	f := folder(t)
	for name, want := range map[string]error{
		"out.md":                    ErrSymlink,
		"inside.md":                 ErrSymlink, // a link that stays inside is refused too
		"linkdir/a/index.md":        ErrSymlink, // a link on the way
		"zero.png":                  ErrSymlink,
		"pipe.md":                   ErrNotRegular,
		"../outside.txt":            fs.ErrInvalid,
		"/etc/passwd":               fs.ErrInvalid,
		"articles/a/missing.md":     fs.ErrNotExist,
		"articles/a/index.md/x":     ErrNotRegular, // a file where a folder goes
		"articles/../../outside.md": fs.ErrInvalid,
	} {
		if name == "pipe.md" {
			if _, err := os.Lstat(filepath.Join(f.root.Name(), name)); err != nil {
				continue
			}
		}
		_, err := fs.ReadFile(f, name)
		if !errors.Is(err, want) {
			t.Errorf("ReadFile(%q): %v, want %v", name, err, want)
		}
		if _, err := fs.Stat(f, name); !errors.Is(err, want) {
			t.Errorf("Stat(%q): %v, want %v", name, err, want)
		}
	}
	if _, err := fs.ReadDir(f, "linkdir"); !errors.Is(err, ErrSymlink) {
		t.Errorf("ReadDir through a link: %v", err)
	}
}

func TestReadable(t *testing.T) {
	f := folder(t)
	data, err := ReadFile(f, "articles/a/index.md", 5)
	if err != nil || string(data) != "hello" {
		t.Fatalf("ReadFile = %q, %v", data, err)
	}
	entries, err := fs.ReadDir(f, ".")
	must(t, err)
	types := map[string]fs.FileMode{}
	for _, e := range entries {
		types[e.Name()] = e.Type()
	}
	if types["out.md"]&fs.ModeSymlink == 0 || !types["articles"].IsDir() {
		t.Errorf("ReadDir does not show links as links: %v", types)
	}
}

func TestReadFileLimit(t *testing.T) {
	mem := fstest.MapFS{"big.md": {Data: make([]byte, 11)}, "dir": {Mode: fs.ModeDir}}
	var tooLarge *TooLargeError
	if _, err := ReadFile(mem, "big.md", 10); !errors.As(err, &tooLarge) || tooLarge.Size != 11 || tooLarge.Limit != 10 {
		t.Errorf("over the limit: %v", err)
	}
	if data, err := ReadFile(mem, "big.md", 11); err != nil || len(data) != 11 {
		t.Errorf("at the limit: %d bytes, %v", len(data), err)
	}
	if _, err := ReadFile(mem, "dir", 10); !errors.Is(err, ErrNotRegular) {
		t.Errorf("a folder: %v", err)
	}
}
