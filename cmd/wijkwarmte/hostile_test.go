package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// hostileDir holds the corpus of hostile inputs (testdata/hostile/README.md).
var hostileDir = filepath.Join("..", "..", "testdata", "hostile")

// maxHostileRSSKB caps the peak memory of one command on one hostile file;
// the demo scan itself peaks at about 150 MB, and a hostile file that
// declares a huge count must not take more.
const maxHostileRSSKB = 600 << 10

// hostileCommands says which commands read a corpus file, by its name's
// prefix; {} stands for the file. Every command that reads files is here:
// add a row when a command or an input kind is added.
var hostileCommands = []struct {
	prefix string
	cmds   [][]string
}{
	{"gpkg-", [][]string{{"scan", "--buildings", "{}"}, {"scan", "--streets", "{}", "--buildings", "{demo}"}, {"inspect", "{}"}}},
	{"geojson-", [][]string{{"scan", "--buildings", "{}"}, {"scan", "--areas", "{}"}, {"inspect", "{}"}}},
	{"osm-", [][]string{{"scan", "--buildings", "{}"}, {"inspect", "{}"}}},
	{"parquet-", [][]string{{"scan", "--buildings", "{}"}, {"inspect", "{}"}}},
	{"eponline-", [][]string{{"scan", "--labels", "{}"}, {"inspect", "{}"}}},
	{"stp-", [][]string{{"steiner", "{}"}}},
	{"params-", [][]string{{"params", "--params", "{}"}, {"scan", "--params", "{}"}}},
	{"scenario-", [][]string{{"scan", "--scenario", "{}"}}},
	{"empty", [][]string{{"scan", "--buildings", "{}"}, {"inspect", "{}"}}},
	{"random-", [][]string{{"scan", "--buildings", "{}"}, {"scan", "--labels", "{}"}, {"inspect", "{}"}, {"steiner", "{}"}, {"params", "--params", "{}"}}},
}

// TestHostileCorpus runs every command that reads files on every file of
// testdata/hostile, each in its own process, and checks what a user must
// get: exit status 1, exactly one line on stderr that names the file, no
// panic or Go stack trace, and peak memory under maxHostileRSSKB. CI runs
// it with the rest of `go test ./...`.
func TestHostileCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process per file and command")
	}
	t.Parallel()
	ents, err := os.ReadDir(hostileDir)
	if err != nil {
		t.Fatal(err)
	}
	demo := filepath.Join("..", "..", "testdata", "pdok-bag-pand-sample", "bag_pand_kerk_delft.gpkg")
	covered := 0
	for _, e := range ents {
		name := e.Name()
		if name == "README.md" {
			continue
		}
		path := filepath.Join(hostileDir, name)
		var cmds [][]string
		for _, hc := range hostileCommands {
			if strings.HasPrefix(name, hc.prefix) {
				cmds = hc.cmds
			}
		}
		if cmds == nil {
			t.Errorf("%s: no command reads it; add its prefix to hostileCommands", name)
			continue
		}
		covered++
		for _, c := range cmds {
			args := make([]string, 0, len(c)+4)
			for _, a := range c {
				a = strings.ReplaceAll(a, "{demo}", demo)
				args = append(args, strings.ReplaceAll(a, "{}", path))
			}
			if args[0] == "scan" {
				args = append(args, "--quiet", "--out", filepath.Join(t.TempDir(), "out"))
			}
			t.Run(name+"/"+strings.Join(c, "_"), func(t *testing.T) {
				t.Parallel()
				cmd := selfCommand(args...)
				var stdout, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &stdout, &stderr
				err := cmd.Run()
				status := cmd.ProcessState.ExitCode()
				msg := stderr.String()
				if err != nil && status < 0 {
					t.Fatalf("%v: %v", args, err)
				}
				if status != 1 {
					t.Errorf("%v: exit %d, want 1; stderr %q", args, status, msg)
				}
				if strings.Count(strings.TrimRight(msg, "\n"), "\n") != 0 || msg == "" {
					t.Errorf("%v: stderr is not one line: %q", args, msg)
				}
				if !strings.Contains(msg, path) {
					t.Errorf("%v: stderr does not name the file: %q", args, msg)
				}
				for _, bad := range []string{"panic", "goroutine", "internal error"} {
					if strings.Contains(msg, bad) {
						t.Errorf("%v: stderr shows a %s: %q", args, bad, msg)
					}
				}
				if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && ru.Maxrss > maxHostileRSSKB {
					t.Errorf("%v: peak memory %d MB, cap %d MB", args, ru.Maxrss>>10, maxHostileRSSKB>>10)
				}
			})
		}
	}
	if covered < 20 {
		t.Errorf("only %d hostile files found in %s", covered, hostileDir)
	}
}
