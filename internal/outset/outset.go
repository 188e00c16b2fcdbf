package outset

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// ManifestName is the file that Commit writes last into every set: the
// list of the set's files with their sizes and SHA-256 sums.
const ManifestName = "manifest.json"

// ManifestFormat names the manifest's layout; it changes only when the
// layout does.
const ManifestFormat = "wijkwarmte output set 1"

// tmpSuffix marks a file being written; Commit removes leftovers of a
// killed writer.
const tmpSuffix = ".outset-tmp"

var (
	// ErrChanged is returned by Resume when the unfinished staging of an
	// earlier run was made with another key (other inputs or options).
	ErrChanged = errors.New("outset: the unfinished run in this folder was started with other inputs or options")
	// ErrNotOutputSet is returned when the output folder holds files
	// that are not an earlier output set, which are never replaced.
	ErrNotOutputSet = errors.New("outset: the folder holds files that are not a wijkwarmte output set")
	// ErrBusy is returned when another run is writing the same folder.
	ErrBusy = errors.New("outset: another run is writing this folder")
	// ErrCommitted is returned by writes after Commit.
	ErrCommitted = errors.New("outset: the set is already committed")
)

// Set is an output set being written. See the package documentation for
// the protocol.
type Set struct {
	dir, stage, keyFile, lockFile string
	lock                          *os.File
	resumable, resumed, committed bool

	// sums are the sizes and SHA-256 sums of the files WriteFile wrote
	// (by path), taken as they were written, so that the manifest does not
	// read them back (a national batch's set is some 5 GB). An entry is
	// used only while the file's size, modification time and inode are
	// still the ones seen after the write.
	mu   sync.Mutex
	sums map[string]writtenSum
}

// writtenSum is a file's sum as WriteFile wrote it, with what identifies
// that version of the file.
type writtenSum struct {
	sum   File
	mtime time.Time
	ino   uint64
}

// Manifest is the content of manifest.json.
type Manifest struct {
	Format string `json:"format"`
	Files  []File `json:"files"`
}

// File is one file of a set, by its slash-separated path in the set.
type File struct {
	Name   string `json:"name"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// Begin starts a new output set for the folder dir: it locks dir and
// creates a fresh staging folder beside it, removing the staging of any
// earlier run that did not finish. Close the set when done; it is removed
// unless it was committed.
func Begin(dir string) (*Set, error) {
	s, err := open(dir)
	if err != nil {
		return nil, err
	}
	if err := s.fresh(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Resume starts, or continues, a resumable output set for dir identified
// by key (a hash of the inputs and options). When an unfinished staging
// made with the same key exists, it is kept and resumed is true, so the
// caller can skip the work whose files are there. One made with another
// key is ErrChanged, unless restart is true, in which case it is removed
// and a fresh one started. Close keeps an uncommitted resumable staging for
// the next run; Abort removes it.
func Resume(dir, key string, restart bool) (s *Set, resumed bool, err error) {
	if key == "" || strings.ContainsAny(key, "\n\r") {
		panic("outset: Resume needs a one-line, non-empty key")
	}
	set, err := open(dir)
	if err != nil {
		return nil, false, err
	}
	set.resumable = true
	if resumed, err = set.resume(key, restart); err != nil {
		set.unlock()
		return nil, false, err
	}
	return set, resumed, nil
}

// resume keeps or renews the staging for key.
func (s *Set) resume(key string, restart bool) (bool, error) {
	old, kerr := os.ReadFile(s.keyFile)
	_, serr := os.Stat(s.stage)
	switch {
	case kerr == nil && serr == nil && string(old) == key+"\n":
		s.resumed = true
		return true, nil
	case kerr == nil && serr == nil && !restart:
		return false, fmt.Errorf("%w (%s)", ErrChanged, s.dir)
	}
	// No staging, a stale one (no key: a commit was under way), or a
	// restart: begin anew.
	if err := s.fresh(); err != nil {
		return false, err
	}
	if err := WriteFileAtomic(s.keyFile, func(w *bufio.Writer) error {
		_, err := w.WriteString(key + "\n")
		return err
	}); err != nil {
		return false, fmt.Errorf("outset: %w", err)
	}
	return false, nil
}

// StagingDir is the folder in which Resume stages the set for dir. A
// caller that Resume refused with ErrChanged may read there what it wrote
// about the unfinished run (without the lock: for a message, not to
// write).
func StagingDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("outset: %s: %w", dir, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return stagingPath(filepath.Dir(abs), filepath.Base(abs)), nil
}

func stagingPath(parent, base string) string {
	return filepath.Join(parent, "."+base+".staging")
}

// open resolves dir, checks that it may be replaced and takes the lock.
func open(dir string) (*Set, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("outset: %s: %w", dir, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real // replace the folder a link points to, not the link
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if base == string(filepath.Separator) || base == "." {
		return nil, fmt.Errorf("outset: %s cannot be an output folder", dir)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("outset: %w", err)
	}
	s := &Set{
		dir:      abs,
		stage:    stagingPath(parent, base),
		keyFile:  filepath.Join(parent, "."+base+".staging.key"),
		lockFile: filepath.Join(parent, "."+base+".lock"),
	}
	f, err := os.OpenFile(s.lockFile, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, fmt.Errorf("outset: %w", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("%w (%s)", ErrBusy, abs)
		}
		return nil, fmt.Errorf("outset: locking %s: %w", abs, err)
	}
	s.lock = f
	if err := replaceable(abs); err != nil {
		s.unlock()
		return nil, err
	}
	return s, nil
}

// replaceable reports whether dir may be swapped away: absent, empty, or
// an earlier set (manifest.json, or summary.json of a version that wrote
// no manifest).
func replaceable(dir string) error {
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("outset: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("outset: %s is a file, not a folder", dir)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("outset: %w", err)
	}
	if len(ents) == 0 {
		return nil
	}
	for _, e := range ents {
		if n := e.Name(); n == ManifestName || n == "summary.json" {
			return nil
		}
	}
	return fmt.Errorf("%w: %s (no %s); choose an empty or new folder", ErrNotOutputSet, dir, ManifestName)
}

// fresh removes leftovers of earlier runs and makes an empty staging.
func (s *Set) fresh() error {
	for _, p := range []string{s.keyFile, s.stage, s.stage + ".old"} {
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("outset: removing the leftover %s: %w", p, err)
		}
	}
	if err := os.Mkdir(s.stage, 0o755); err != nil {
		return fmt.Errorf("outset: %w", err)
	}
	return nil
}

// Dir is the staging folder: files of the set are written below it.
func (s *Set) Dir() string { return s.stage }

// Target is the output folder the set is committed to.
func (s *Set) Target() string { return s.dir }

// Resumed reports whether Resume kept an earlier run's staging.
func (s *Set) Resumed() bool { return s.resumed }

// Path returns the path of the set's file name (slash-separated, relative)
// in the staging folder, creating its parent folders. It panics on an
// absolute name or one that leaves the set: names come from code.
func (s *Set) Path(name string) string {
	clean := filepath.Clean(filepath.FromSlash(name))
	if filepath.IsAbs(clean) || clean == "." || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
		panic("outset: bad file name " + name)
	}
	p := filepath.Join(s.stage, clean)
	os.MkdirAll(filepath.Dir(p), 0o755) // an error shows when the file is created
	return p
}

// Exists reports whether the staging holds the file name (for a resumed
// batch: this buurt is done).
func (s *Set) Exists(name string) bool {
	fi, err := os.Stat(s.Path(name))
	return err == nil && fi.Mode().IsRegular()
}

// WriteFile writes the set's file name through fn: into a temporary file,
// fsynced and renamed, so the name never holds a partial file.
func (s *Set) WriteFile(name string, fn func(w *bufio.Writer) error) error {
	if s.committed {
		return ErrCommitted
	}
	p := s.Path(name)
	h := sha256.New()
	n, err := writeFileAtomic(p, fn, h)
	if err != nil {
		return err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	ws := writtenSum{sum: File{Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, mtime: fi.ModTime(), ino: inode(fi)}
	if fi.Size() != n {
		return nil // written by someone else meanwhile: the manifest reads it
	}
	s.mu.Lock()
	if s.sums == nil {
		s.sums = map[string]writtenSum{}
	}
	s.sums[p] = ws
	s.mu.Unlock()
	return nil
}

// inode is fi's inode number (0 where the platform does not tell).
func inode(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Ino
	}
	return 0
}

// writtenAs returns the sum WriteFile took of the file at p when fi (its
// current state) is still the version it wrote.
func (s *Set) writtenAs(p string, fi fs.FileInfo) (File, bool) {
	s.mu.Lock()
	ws, ok := s.sums[p]
	s.mu.Unlock()
	if !ok || fi.Size() != ws.sum.Bytes || !fi.ModTime().Equal(ws.mtime) || inode(fi) != ws.ino || ws.ino == 0 {
		return File{}, false
	}
	return ws.sum, true
}

// WriteFileAtomic writes path through fn into a temporary file in the same
// folder, fsyncs it, renames it to path and fsyncs the folder: after a
// crash path holds the old content or the new, never a part.
//
// A path that is a folder, or whose folder does not exist, is an error
// that says so (not one naming the temporary file).
func WriteFileAtomic(path string, fn func(w *bufio.Writer) error) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a folder; want a file name", path)
	}
	if _, err := os.Stat(filepath.Dir(path)); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("folder %s does not exist", filepath.Dir(path))
	}
	_, err := writeFileAtomic(path, fn, nil)
	return err
}

// writeFileAtomic is WriteFileAtomic that also feeds what it writes to h
// (when not nil) and returns the bytes written.
func writeFileAtomic(path string, fn func(w *bufio.Writer) error, h hash.Hash) (n int64, err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*"+tmpSuffix)
	if err != nil {
		return 0, err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(0o644); err != nil { // CreateTemp makes 0600: outputs are for reading
		return 0, err
	}
	cw := &countingWriter{w: f, h: h}
	w := bufio.NewWriterSize(cw, 256<<10)
	if err = fn(w); err != nil {
		return 0, err
	}
	if err = w.Flush(); err != nil {
		return 0, err
	}
	if err = f.Sync(); err != nil {
		return 0, err
	}
	if err = f.Close(); err != nil {
		return 0, err
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return 0, err
	}
	return cw.n, syncDir(filepath.Dir(path))
}

// countingWriter writes to w, counts the bytes and feeds them to h (when
// not nil). It has no ReadFrom, so that bufio.Writer's ReadFrom does not
// go around it.
type countingWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	if c.h != nil {
		c.h.Write(p[:n])
	}
	c.n += int64(n)
	return n, err
}

// Commit makes the set visible: it fsyncs every file, writes manifest.json,
// and swaps the staging folder with the output folder in one step. After
// Commit the set is closed for writing.
func (s *Set) Commit() error {
	if s.committed {
		return ErrCommitted
	}
	m, err := s.manifest()
	if err != nil {
		return fmt.Errorf("outset: %w", err)
	}
	if err := s.WriteFile(ManifestName, func(w *bufio.Writer) error {
		e := json.NewEncoder(w)
		e.SetIndent("", "  ")
		return e.Encode(m)
	}); err != nil {
		return fmt.Errorf("outset: %w", err)
	}
	// The key goes first: a staging without its key is never resumed, so
	// a crash from here on starts the next run afresh instead of taking
	// the swapped-out old set for unfinished work.
	if s.resumable {
		if err := os.Remove(s.keyFile); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("outset: %w", err)
		}
	}
	parent := filepath.Dir(s.dir)
	old := s.stage // after an exchange the previous set stands here
	if _, err := os.Lstat(s.dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(s.stage, s.dir); err != nil {
			return fmt.Errorf("outset: %w", err)
		}
		old = ""
	} else if err := unix.Renameat2(unix.AT_FDCWD, s.stage, unix.AT_FDCWD, s.dir, unix.RENAME_EXCHANGE); err != nil {
		if !errors.Is(err, unix.EINVAL) && !errors.Is(err, unix.ENOSYS) && !errors.Is(err, unix.EOPNOTSUPP) {
			return fmt.Errorf("outset: replacing %s: %w", s.dir, err)
		}
		// No atomic exchange on this file system: two renames.
		old = s.stage + ".old"
		if err := os.Rename(s.dir, old); err != nil {
			return fmt.Errorf("outset: %w", err)
		}
		if err := os.Rename(s.stage, s.dir); err != nil {
			os.Rename(old, s.dir)
			return fmt.Errorf("outset: %w", err)
		}
	}
	s.committed = true
	if err := syncDir(parent); err != nil {
		return fmt.Errorf("outset: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("outset: removing the previous set: %w", err)
		}
	}
	return nil
}

// manifest lists and fsyncs the staging's files (sorted by name), removing
// temporary leftovers of killed writers, and fsyncs its folders.
func (s *Set) manifest() (Manifest, error) {
	m := Manifest{Format: ManifestFormat, Files: []File{}}
	var dirs, paths []string
	err := filepath.WalkDir(s.stage, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			dirs = append(dirs, p)
			return nil
		}
		if strings.HasSuffix(d.Name(), tmpSuffix) {
			return os.Remove(p)
		}
		rel, err := filepath.Rel(s.stage, p)
		if err != nil {
			return err
		}
		if rel == ManifestName {
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file", p)
		}
		m.Files = append(m.Files, File{Name: filepath.ToSlash(rel)})
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return m, err
	}
	// Hash GOMAXPROCS files at a time: a national batch's set is some
	// 5 GB in 3,000 files.
	errs := make([]error, len(paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(paths) {
					return
				}
				var f File
				var err error
				if fi, serr := os.Stat(paths[i]); serr == nil {
					if known, ok := s.writtenAs(paths[i], fi); ok {
						f = known // fsynced when it was written
					} else {
						f, err = hashFile(paths[i], true)
					}
				} else {
					err = serr
				}
				f.Name, errs[i] = m.Files[i].Name, err
				m.Files[i] = f
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return m, err
		}
	}
	slices.SortFunc(m.Files, func(a, b File) int { return strings.Compare(a.Name, b.Name) })
	for _, d := range dirs {
		if err := syncDir(d); err != nil {
			return m, err
		}
	}
	return m, nil
}

// hashFile sums the file at p, fsyncing it first when sync is set.
func hashFile(p string, sync bool) (File, error) {
	f, err := os.Open(p)
	if err != nil {
		return File{}, err
	}
	defer f.Close()
	if sync {
		if err := f.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
			return File{}, err
		}
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return File{}, err
	}
	return File{Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// Abort removes the staging, also of a resumable set.
func (s *Set) Abort() {
	if !s.committed {
		os.RemoveAll(s.stage)
		if s.resumable {
			os.Remove(s.keyFile)
		}
	}
	s.unlock()
}

// Close ends the set: an uncommitted staging is removed, except that of a
// resumable set, which stays for the next run. Close releases the lock;
// calling it again does nothing.
func (s *Set) Close() {
	if !s.committed && !s.resumable {
		os.RemoveAll(s.stage)
	}
	s.unlock()
}

func (s *Set) unlock() {
	if s.lock != nil {
		s.lock.Close() // closing drops the flock
		s.lock = nil
	}
}

// ReadManifest reads the manifest of the committed set in dir.
func ReadManifest(dir string) (Manifest, error) {
	var m Manifest
	b, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestName), err)
	}
	if m.Format != ManifestFormat {
		return m, fmt.Errorf("%s: format %q, want %q", filepath.Join(dir, ManifestName), m.Format, ManifestFormat)
	}
	return m, nil
}

// Verify checks that dir holds exactly the files its manifest lists, with
// their sizes and sums: a complete set, not a mix.
func Verify(dir string) error {
	m, err := ReadManifest(dir)
	if err != nil {
		return err
	}
	want := map[string]bool{ManifestName: true}
	for _, f := range m.Files {
		want[f.Name] = true
		got, err := hashFile(filepath.Join(dir, filepath.FromSlash(f.Name)), false)
		if err != nil {
			return err
		}
		if got.Bytes != f.Bytes || got.SHA256 != f.SHA256 {
			return fmt.Errorf("%s: %s differs from its manifest entry", dir, f.Name)
		}
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !want[filepath.ToSlash(rel)] {
			return fmt.Errorf("%s: %s is not in the manifest", dir, rel)
		}
		return nil
	})
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}
