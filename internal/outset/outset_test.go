package outset

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func write(t *testing.T, s *Set, name, content string) {
	t.Helper()
	if err := s.WriteFile(name, func(w *bufio.Writer) error {
		_, err := w.WriteString(content)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// names lists the files below dir, slash-separated and sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// commitSet writes the files (name -> content) as one committed set.
func commitSet(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	s, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for n, c := range files {
		write(t, s, n, c)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestCommitNewAndReplace(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	commitSet(t, dir, map[string]string{"summary.json": "1", "a/b.parquet": "one", "stale.geojson": "x"})
	if err := Verify(dir); err != nil {
		t.Fatal(err)
	}
	commitSet(t, dir, map[string]string{"summary.json": "2", "a/b.parquet": "two"})
	if err := Verify(dir); err != nil {
		t.Fatal(err)
	}
	if got, want := names(t, dir), []string{"a/b.parquet", "manifest.json", "summary.json"}; !slices.Equal(got, want) {
		t.Errorf("files %v, want %v (the stale file of the first set must be gone)", got, want)
	}
	if got := read(t, filepath.Join(dir, "summary.json")); got != "2" {
		t.Errorf("summary.json = %q, want the second set's", got)
	}
	ents, _ := os.ReadDir(filepath.Dir(dir))
	for _, e := range ents {
		if e.Name() != "out" && e.Name() != ".out.lock" {
			t.Errorf("left beside the set: %s", e.Name())
		}
	}
}

func TestUncommittedLeavesPreviousSet(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	commitSet(t, dir, map[string]string{"summary.json": "old", "network.geojson": "old"})
	s, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	write(t, s, "summary.json", "new")
	s.Close() // a failed run: no Commit
	if err := Verify(dir); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dir, "summary.json")); got != "old" {
		t.Errorf("summary.json = %q after a failed run, want the previous set's", got)
	}
	if _, err := os.Stat(s.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("staging %s not removed: %v", s.Dir(), err)
	}
}

func TestKilledRunIsCleanedUp(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	commitSet(t, dir, map[string]string{"summary.json": "old"})
	// What a kill -9 leaves: a staging with files and a partial temp file.
	stage := filepath.Join(filepath.Dir(dir), ".out.staging")
	os.MkdirAll(stage, 0o755)
	os.WriteFile(filepath.Join(stage, "summary.json"), []byte("half"), 0o644)
	os.WriteFile(filepath.Join(stage, ".x.123"+tmpSuffix), []byte("part"), 0o644)
	if err := Verify(dir); err != nil {
		t.Fatal(err)
	}
	commitSet(t, dir, map[string]string{"summary.json": "new"})
	if got, want := names(t, dir), []string{"manifest.json", "summary.json"}; !slices.Equal(got, want) {
		t.Errorf("files %v, want %v", got, want)
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "thesis.docx"), []byte("precious"), 0o644)
	if _, err := Begin(dir); !errors.Is(err, ErrNotOutputSet) {
		t.Fatalf("Begin on a folder of documents: %v, want ErrNotOutputSet", err)
	}
	if got := read(t, filepath.Join(dir, "thesis.docx")); got != "precious" {
		t.Error("document changed")
	}
	file := filepath.Join(dir, "thesis.docx")
	if _, err := Begin(file); err == nil {
		t.Error("Begin on a file: no error")
	}
}

func TestLock(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	s, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(dir); !errors.Is(err, ErrBusy) {
		t.Errorf("second Begin while the first runs: %v, want ErrBusy", err)
	}
	s.Close()
	s2, err := Begin(dir)
	if err != nil {
		t.Fatalf("Begin after Close: %v", err)
	}
	s2.Close()
}

func TestResume(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	s, resumed, err := Resume(dir, "k1", false)
	if err != nil || resumed {
		t.Fatalf("first Resume: resumed %v, %v", resumed, err)
	}
	write(t, s, "done/BU0001.json", "a")
	s.Close() // killed before the end: the staging stays

	s, resumed, err = Resume(dir, "k1", false)
	if err != nil || !resumed {
		t.Fatalf("Resume with the same key: resumed %v, %v", resumed, err)
	}
	if !s.Exists("done/BU0001.json") || s.Exists("done/BU0002.json") {
		t.Error("Exists does not reflect the staging")
	}
	s.Close()

	if _, _, err := Resume(dir, "k2", false); !errors.Is(err, ErrChanged) {
		t.Fatalf("Resume with another key: %v, want ErrChanged", err)
	}
	s, resumed, err = Resume(dir, "k2", true)
	if err != nil || resumed {
		t.Fatalf("Resume with restart: resumed %v, %v", resumed, err)
	}
	if s.Exists("done/BU0001.json") {
		t.Error("restart kept the old run's files")
	}
	write(t, s, "summary.json", "k2")
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := Verify(dir); err != nil {
		t.Fatal(err)
	}
	// After a commit the next Resume starts afresh.
	s, resumed, err = Resume(dir, "k2", false)
	if err != nil || resumed {
		t.Fatalf("Resume after a commit: resumed %v, %v", resumed, err)
	}
	s.Abort()
	if got := read(t, filepath.Join(dir, "summary.json")); got != "k2" {
		t.Errorf("Abort changed the committed set: %q", got)
	}
}

func TestVerifyCatchesMix(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	commitSet(t, dir, map[string]string{"summary.json": "1", "report.html": "1"})
	os.WriteFile(filepath.Join(dir, "report.html"), []byte("from another run"), 0o644)
	if err := Verify(dir); err == nil {
		t.Error("Verify accepted a changed file")
	}
	commitSet(t, dir, map[string]string{"summary.json": "1"})
	os.WriteFile(filepath.Join(dir, "extra.csv"), []byte("x"), 0o644)
	if err := Verify(dir); err == nil {
		t.Error("Verify accepted a file outside the manifest")
	}
}

func TestPathRejectsEscapes(t *testing.T) {
	t.Parallel()
	s, err := Begin(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, name := range []string{"../x", "/etc/passwd", ".."} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Path(%q) did not panic", name)
				}
			}()
			s.Path(name)
		}()
	}
}

// TestManifestSumsAsWritten: the manifest takes WriteFile's sums as the
// files were written, and reads a file again when it was changed after
// (here rewritten through Path, as a writer of its own would), so that
// Verify accepts the committed set in both cases.
func TestManifestSumsAsWritten(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	s, err := Begin(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	write(t, s, "a/kept.csv", "written once\n")
	write(t, s, "b/changed.csv", "first\n")
	write(t, s, "big.bin", string(make([]byte, 600<<10))) // more than the writer's buffer
	if err := os.WriteFile(s.Path("b/changed.csv"), []byte("rewritten, longer\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.sums[s.Path("a/kept.csv")]; !ok {
		t.Fatal("WriteFile kept no sum of a/kept.csv")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := Verify(dir); err != nil {
		t.Fatal(err)
	}
	m, err := ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Files {
		got, err := hashFile(filepath.Join(dir, filepath.FromSlash(f.Name)), false)
		if err != nil {
			t.Fatal(err)
		}
		if got.Bytes != f.Bytes || got.SHA256 != f.SHA256 {
			t.Errorf("%s: manifest %d bytes %s, file %d bytes %s", f.Name, f.Bytes, f.SHA256, got.Bytes, got.SHA256)
		}
	}
}
