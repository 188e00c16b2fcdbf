package geodata

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestClipLine(t *testing.T) {
	t.Parallel()
	box := orb.Bound{Min: orb.Point{0, 0}, Max: orb.Point{10, 10}}
	for _, c := range []struct {
		name string
		in   orb.LineString
		want []orb.LineString
	}{
		{"inside", orb.LineString{{1, 1}, {2, 2}, {3, 1}}, []orb.LineString{{{1, 1}, {2, 2}, {3, 1}}}},
		{"outside", orb.LineString{{-5, -5}, {-1, -1}}, nil},
		{"crossing", orb.LineString{{-5, 5}, {15, 5}}, []orb.LineString{{{0, 5}, {10, 5}}}},
		{"leave and return", orb.LineString{{5, 5}, {5, 15}, {8, 15}, {8, 5}}, []orb.LineString{{{5, 5}, {5, 10}}, {{8, 10}, {8, 5}}}},
		{"enter and stay", orb.LineString{{-10, 2}, {2, 2}, {4, 4}}, []orb.LineString{{{0, 2}, {2, 2}, {4, 4}}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			got := clipLine(c.in, box)
			if len(got) != len(c.want) {
				t.Fatalf("clipLine = %v, want %v", got, c.want)
			}
			for i := range got {
				if !orb.Equal(got[i], c.want[i]) {
					t.Errorf("piece %d = %v, want %v", i, got[i], c.want[i])
				}
			}
		})
	}
	st := ClipStreets([]Street{{ID: "a", Line: orb.LineString{{-100, 5}, {100, 5}}}, {ID: "b", Line: orb.LineString{{50, 50}, {60, 60}}}}, box)
	if len(st) != 1 || st[0].ID != "a" || st[0].Line.Bound() != (orb.Bound{Min: orb.Point{0, 5}, Max: orb.Point{10, 5}}) {
		t.Errorf("clipStreets = %+v", st)
	}
}
