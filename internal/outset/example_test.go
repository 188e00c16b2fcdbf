package outset_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"github.com/wijkwarmte/wijkwarmte/internal/outset"
)

// A command writes its files into the staging and commits them as one set.
func Example() {
	tmp, _ := os.MkdirTemp("", "outset")
	defer os.RemoveAll(tmp)
	dir := filepath.Join(tmp, "out")

	set, err := outset.Begin(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer set.Close() // removes the staging if Commit is never reached
	set.WriteFile("summary.json", func(w *bufio.Writer) error {
		_, err := w.WriteString(`{"best_strategy":"warmtenet_mt"}`)
		return err
	})
	if err := set.Commit(); err != nil {
		fmt.Println(err)
		return
	}
	m, _ := outset.ReadManifest(dir)
	for _, f := range m.Files {
		fmt.Println(f.Name, f.Bytes)
	}
	fmt.Println(outset.Verify(dir))
	// Output:
	// summary.json 32
	// <nil>
}
