package benchmarks

import (
	"os"
	"testing"
)

// TestMain runs the tests and benchmarks, then removes the fixture files
// that benchmarks wrote to temporary directories. Add further cleanups
// here rather than a second TestMain.
func TestMain(m *testing.M) {
	code := m.Run()
	removeGeodataFixtures()
	removeAdresOutputs()
	removeSelectFixture()
	os.Exit(code)
}
