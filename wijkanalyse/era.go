package wijkanalyse

// Era is one of the 11 construction-year classes of PBL's Vesta MAIS
// (20201202_Woningen_BAG.csv, column bouwjaar_str), or EraUnknown.
type Era uint8

// The Vesta construction-year classes. Bouwjaren after 2020 fall in
// Era2015to2020, the newest class Vesta has.
const (
	EraUnknown Era = iota
	EraBefore1930
	Era1930to1945
	Era1946to1964
	Era1965to1974
	Era1975to1991
	Era1992to1995
	Era1996to1999
	Era2000to2005
	Era2006to2010
	Era2011to2014
	Era2015to2020
)

// Eras lists the known classes, oldest first.
var Eras = []Era{
	EraBefore1930, Era1930to1945, Era1946to1964, Era1965to1974, Era1975to1991,
	Era1992to1995, Era1996to1999, Era2000to2005, Era2006to2010, Era2011to2014,
	Era2015to2020,
}

// eraFirst is the first bouwjaar of each class (index = Era).
var eraFirst = [...]int{0, 0, 1930, 1946, 1965, 1975, 1992, 1996, 2000, 2006, 2011, 2015}

// eraNames are Vesta's labels (bouwjaar_str), index = Era.
var eraNames = [...]string{
	"onbekend", "voor 1930", "1930 - 1945", "1946 - 1964", "1965 - 1974",
	"1975 - 1991", "1992 - 1995", "1996 - 1999", "2000 - 2005",
	"2006 - 2010", "2011 - 2014", "2015 - 2020",
}

// Plausible bouwjaar range: BAG records 1005 as the earliest real
// bouwjaar; 9999 and other years after MaxBouwjaar are placeholders.
const (
	MinBouwjaar = 1000
	MaxBouwjaar = 2030
)

// EraOf returns the Vesta class of a bouwjaar, EraUnknown when the year is
// 0, a placeholder (9999) or outside [MinBouwjaar, MaxBouwjaar].
func EraOf(bouwjaar int) Era {
	if bouwjaar < MinBouwjaar || bouwjaar > MaxBouwjaar {
		return EraUnknown
	}
	for e := len(eraFirst) - 1; e >= 1; e-- {
		if bouwjaar >= eraFirst[e] {
			return Era(e)
		}
	}
	return EraBefore1930
}

// String returns Vesta's label of the class ("1946 - 1964"), "onbekend" for
// EraUnknown.
func (e Era) String() string {
	if int(e) < len(eraNames) {
		return eraNames[e]
	}
	return "onbekend"
}

// MarshalText writes the Vesta label.
func (e Era) MarshalText() ([]byte, error) { return []byte(e.String()), nil }
