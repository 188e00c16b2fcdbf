package geodata

import (
	"testing"

	"github.com/paulmach/orb"
)

func TestAreaFromFeatureGemeente(t *testing.T) {
	sq := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}
	for _, c := range []struct {
		name  string
		props map[string]any
		want  string
	}{
		{"CBS wijk- en buurtkaart", map[string]any{"buurtcode": "BU05030001", "buurtnaam": "Wippolder", "gemeentenaam": " Delft "}, "Delft"},
		{"without the column", map[string]any{"buurtcode": "BU05030001"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, reason := AreaFromFeature(Feature{Geometry: sq, Properties: c.props}, AreaBuurt)
			if reason != "" || a.Gemeente != c.want {
				t.Errorf("gemeente %q (%s), want %q", a.Gemeente, reason, c.want)
			}
		})
	}
}
