package confine

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// tree makes root/{in.txt,sub/deep.txt,.git/config,link-out,link-in} and
// outside/secret.txt, and a Tree rooted at root.
func tree(t *testing.T) (root, outside string, tr *Tree) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "root"), filepath.Join(base, "outside")
	for _, d := range []string{root, outside, filepath.Join(root, "sub"), filepath.Join(root, ".git")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(root, "in.txt"), "inside")
	write(filepath.Join(root, "sub", "deep.txt"), "deep")
	write(filepath.Join(root, ".git", "config"), "token")
	write(filepath.Join(outside, "secret.txt"), "CANARY")
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(root, "link-out")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "in.txt"), filepath.Join(root, "link-in")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "dir-out")); err != nil {
		t.Fatal(err)
	}
	return root, outside, New(root)
}

func TestReadFile(t *testing.T) {
	root, outside, tr := tree(t)
	for _, ok := range []string{"in.txt", "sub/deep.txt", "link-in", "sub/../in.txt"} {
		if _, err := tr.ReadFile(filepath.Join(root, ok)); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for path, want := range map[string]string{
		filepath.Join(outside, "secret.txt"):               "outside the scanned tree",
		filepath.Join(root, "..", "outside", "secret.txt"): "outside the scanned tree",
		filepath.Join(root, "link-out"):                    "symbolic link",
		filepath.Join(root, "dir-out", "secret.txt"):       "symbolic link",
		filepath.Join(root, ".git", "config"):              ".git",
		filepath.Join(root, "sub"):                         "not a regular file (a directory)",
		"/etc/passwd":                                      "outside the scanned tree",
		filepath.Join(root, "missing.txt"):                 "does not exist",
	} {
		b, err := tr.ReadFile(path)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %q, %v; want an error saying %q", path, b, err, want)
		}
	}
	if _, err := tr.ReadFile(filepath.Join(root, "missing.txt")); !errors.Is(err, fs.ErrNotExist) || IsRefused(err) {
		t.Errorf("a missing file inside the tree is ErrNotExist, not a refusal: %v", err)
	}
	if _, err := tr.ReadFile("/etc/passwd"); !IsRefused(err) || errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a file outside is refused: %v", err)
	}
}

func TestRelativeRoot(t *testing.T) {
	root, _, _ := tree(t)
	t.Chdir(filepath.Dir(root))
	tr := New("root")
	if _, err := tr.ReadFile("root/in.txt"); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.ReadFile("outside/secret.txt"); !IsRefused(err) {
		t.Fatalf("a sibling of the root is outside: %v", err)
	}
	// A root written as a file is its directory.
	tr = New("root/in.txt")
	if _, err := tr.ReadFile("root/sub/deep.txt"); err != nil {
		t.Fatal(err)
	}
}

func TestSpecialFiles(t *testing.T) {
	root, _, tr := tree(t)
	fifo := filepath.Join(root, "pipe.tf")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	// Opening a FIFO for reading blocks until a writer comes: the tree must
	// refuse it without opening it.
	if _, err := tr.ReadSource(fifo); err == nil || !strings.Contains(err.Error(), "named pipe") {
		t.Fatalf("FIFO: %v", err)
	}
	if _, err := New("/dev").ReadFile("/dev/zero"); err == nil || !strings.Contains(err.Error(), "device") {
		t.Fatalf("/dev/zero: %v", err)
	}
}

func TestLimit(t *testing.T) {
	root, _, tr := tree(t)
	tr.FileLimit = 4
	big := filepath.Join(root, "big.txt")
	if err := os.WriteFile(big, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := tr.ReadFile(big); err == nil || !strings.Contains(err.Error(), "larger than the 4 bytes limit") {
		t.Fatalf("got %v", err)
	}
	if _, err := tr.ReadSource(big); err != nil {
		t.Fatalf("sources have their own limit: %v", err)
	}
	if got := Size(1 << 20); got != "1 MiB" {
		t.Errorf("Size = %q", got)
	}
}

func TestMem(t *testing.T) {
	tr := New()
	tr.AddMem("<stdin>/stdin.tf", []byte("x"))
	b, err := tr.ReadSource("<stdin>/stdin.tf")
	if err != nil || string(b) != "x" {
		t.Fatalf("%q %v", b, err)
	}
	es, err := tr.ReadDir("<stdin>")
	if err != nil || len(es) != 1 || es[0].Name() != "stdin.tf" || es[0].IsDir() {
		t.Fatalf("%v %v", es, err)
	}
	if st, err := tr.Stat("<stdin>"); err != nil || !st.IsDir() {
		t.Fatalf("%v %v", st, err)
	}
	if _, err := tr.ReadFile("/etc/passwd"); !IsRefused(err) {
		t.Fatalf("a tree with no roots reads nothing from disk: %v", err)
	}
}
