package wijkanalyse

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// Woningtype rules (documented in doc.go, thresholds in Options):
//
//   - Flats counted from address points (or assumed 1) in a building
//     tagged apartments or holding 2+ addresses, with known storeys and no
//     BAG floor area, are recounted as floor area / 75 m2 when the area
//     per counted flat exceeds 250 m2 (OSM often maps one address per
//     entrance).
//   - A woning with 2 or more dwellings is meergezins: laag up to 3
//     storeys, midden 4-5, hoog 6 or more. Storeys come from the source
//     (OSM building:levels); when unknown they are estimated as
//     dwellings × 75 m2 / (0.8 × footprint), rounded, at least 1 and at
//     most max(2, ½·√footprint) (height at 3 m a storey no more than 1.5
//     × the width of a square footprint).
//   - A woning with 1 dwelling is typed by its party walls: boundaries
//     shared (within Options.WallGapM) over at least Options.MinSharedWallM
//     with another heated building (woning or utiliteit; sheds and garages
//     do not count). 0 walls: vrijstaand. 2 or more: tussenwoning. 1 wall:
//     2-onder-1-kap when the neighbour is itself a single dwelling with
//     exactly one party wall (the pair), else hoekwoning (end of a row).

// Classification constants (assumptions of this package, see doc.go).
const (
	gridCellM            = 25  // grid cell, m: near the size of a house footprint
	dwellingM2           = 75  // gross floor area per flat used to estimate storeys, m2
	netToGross           = 0.8 // usable (GBO) over gross floor area
	houseStoreysDefault  = 2.5 // 2 storeys + attic when a house's storeys are unknown
	utilStoreysDefault   = 2   // storeys of utility when unknown
	laagMaxStoreys       = 3   // meergezins laag: at most 3 storeys
	middenMaxStoreys     = 5   // meergezins midden: 4-5 storeys; hoog: 6+
	defaultWallGapM      = 0.5 // Options.WallGapM default, m
	defaultMinWallM      = 2.0 // Options.MinSharedWallM default, m
	utilityM2PerDwEq     = 130 // m2 utility floor area per dwelling-equivalent (Startanalyse)
	maxM2PerFlat         = 250 // above this floor area per counted flat, flats are counted from the floor area
	minAssumedDwellingM2 = 30  // a woning by tag alone (no unit, no address) smaller than this is a bijgebouw
)

// facts is what classification learns of one pand besides the Building
// fields: the units inside it, used for label matching and demand.
type facts struct {
	vbos      []int32 // indexes into Input.Verblijfsobjecten
	addrs     []int32 // indexes into Input.Addresses
	woonVBO   int
	woonM2    float64 // floor area of woon VBOs, m2
	utilM2    float64 // floor area of non-woon VBOs, m2
	labels    []string
	labelsEP  int
	epAreaM2  float64 // EP-Online floor area, when BAG has none
	storeysEs bool    // storeys estimated
}

// Classify fills, for every pand of in, the classification fields of a
// Building: footprint, era, use, dwellings, floor area, storeys, party
// walls and woningtype. It does not set labels, demand or options (see
// Scan). Notes says what was assumed. It runs in O(n·k) for n panden with
// k neighbours each; the shared walls are measured only for candidate
// pairs whose bounding boxes lie within the wall gap, with at least one
// side a single-dwelling woning (on the Delft demo: 3,946 box-neighbour
// pairs of 5.9 million, 1,996 of them measured; see sharedWalls). The
// Buildings share the footprints of in.Panden. Classify is safe for
// concurrent use; it uses opt.Workers goroutines.
func Classify(ctx context.Context, in Input, opt Options) ([]Building, []string, error) {
	if err := checkPanden(in.Panden); err != nil {
		return nil, nil, err
	}
	bs, _, notes, err := classify(ctx, in, opt.withDefaults())
	return bs, notes, err
}

func classify(ctx context.Context, in Input, opt Options) ([]Building, []facts, []string, error) {
	n := len(in.Panden)
	bs := make([]Building, n)
	fs := make([]facts, n)
	boxes := make([]orb.Bound, n)
	fps := make([]orb.Polygon, n)
	var notes []string
	for i := range in.Panden {
		p := &in.Panden[i]
		b := &bs[i]
		b.ID = p.ID
		b.Footprint = p.Footprint
		c, a := planar.CentroidArea(p.Footprint)
		b.Centroid, b.FootprintM2 = c, math.Abs(a)
		b.Bouwjaar = p.Bouwjaar
		b.Status, b.Gebruiksdoel, b.BuildingType = p.Status, p.Gebruiksdoel, p.BuildingType
		b.Era = EraOf(p.Bouwjaar)
		boxes[i] = p.Footprint.Bound()
		fps[i] = p.Footprint
	}
	opt.progress("classify", 0, n)
	idx := newGrid(boxes, gridCellM)
	// Points (verblijfsobjecten, addresses) go to the footprint holding
	// them, boundary included (geodata's point-in-footprint grid).
	fx := geodata.NewFootprintIndex(in.Panden)
	containing := fx.Locate
	// Verblijfsobjecten: by pand id, else by the point in the footprint.
	byID := make(map[string]int, n)
	for i, p := range in.Panden {
		byID[p.ID] = i
	}
	vboOutside := 0
	for k, v := range in.Verblijfsobjecten {
		i, ok := byID[v.PandID]
		if !ok {
			i = containing(v.Point)
		}
		if i < 0 {
			vboOutside++
			continue
		}
		f := &fs[i]
		f.vbos = append(f.vbos, int32(k))
		if hasWoon(v.Gebruiksdoel) {
			f.woonVBO++
			f.woonM2 += v.OppervlakteM2
		} else {
			f.utilM2 += v.OppervlakteM2
		}
	}
	if vboOutside > 0 {
		notes = append(notes, fmt.Sprintf("%d verblijfsobjecten liggen in geen enkel doorgerekend pand en zijn niet gebruikt", vboOutside))
	}
	addrOutside := 0
	for k, a := range in.Addresses {
		i := -1
		if a.PandID != "" {
			if j, ok := byID[a.PandID]; ok {
				i = j
			}
		}
		if i < 0 {
			i = containing(a.Point)
		}
		if i < 0 {
			addrOutside++
			continue
		}
		fs[i].addrs = append(fs[i].addrs, int32(k))
	}
	if addrOutside > 0 {
		notes = append(notes, fmt.Sprintf("%d van de %d adrespunten liggen buiten elk pand en zijn niet gebruikt", addrOutside, len(in.Addresses)))
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}

	// Use and dwellings.
	hasVBO := len(in.Verblijfsobjecten) > 0
	noData := noDwellingData(in.Panden, hasVBO)
	estimated := 0
	for i := range bs {
		p, b, f := &in.Panden[i], &bs[i], &fs[i]
		gd := p.Gebruiksdoel
		if len(gd) == 0 && len(f.vbos) > 0 {
			gd = vboUses(in.Verblijfsobjecten, f.vbos)
		}
		var why string
		b.Use, b.UtilityType, why = useOf(gd, p.BuildingType, p.Status, p.Verblijfsobjecten, hasVBO, noData, len(f.vbos), len(f.addrs), b.FootprintM2)
		b.TypeReason = why
		if b.Use != UseWoning {
			continue
		}
		switch {
		case f.woonVBO > 0:
			b.Dwellings, b.DwellingsSource = f.woonVBO, "verblijfsobjecten"
		case p.Verblijfsobjecten > 0:
			d := p.Verblijfsobjecten
			if other := countOtherUses(p.Gebruiksdoel); other > 0 && d > other {
				d -= other // one unit per other gebruiksdoel (a shop below flats)
			}
			b.Dwellings, b.DwellingsSource = d, "aantal_verblijfsobjecten"
		case len(f.addrs) > 0:
			b.Dwellings, b.DwellingsSource = distinctAddresses(in.Addresses, f.addrs), "addresses"
		case noData && p.Status != "":
			b.Dwellings, b.DwellingsSource = footprintDwellings(b.FootprintM2), "footprint"
			estimated++
		case b.FootprintM2 < minAssumedDwellingM2:
			// Tagged as a house but tiny and without any address: an
			// allotment hut or cabin, not a heated dwelling.
			b.Use, b.TypeReason = UseBijgebouw, fmt.Sprintf("%s, maar %.0f m² en geen adres: geen woning", why, b.FootprintM2)
		default:
			b.Dwellings, b.DwellingsSource = 1, "assumed"
		}
	}

	if noData {
		dw := 0
		for i := range bs {
			dw += bs[i].Dwellings
		}
		// First among the notes: every dwelling count is a guess.
		notes = append([]string{fmt.Sprintf(NoDwellingData+": geen van de %d BAG-panden heeft verblijfsobjecten, gebruiksdoel, aantal_verblijfsobjecten of oppervlakte, en er zijn geen verblijfsobjecten opgegeven; "+
			"%d panden zijn als woning genomen met het aantal woningen geschat uit de footprint (tot %d m²: 1 woning; groter: vloeroppervlak / %d m²; onder %d m²: bijgebouw), samen %d woningen. Geef de verblijfsobjecten (of aantal_verblijfsobjecten) op voor echte aantallen",
			len(bs), estimated, maxHouseFootprintM2, dwellingM2, minAssumedDwellingM2, dw)}, notes...)
	}

	// Party walls among heated buildings, at least one side a single dwelling.
	cand := make([]bool, n)
	for i, b := range bs {
		cand[i] = b.Use != UseBijgebouw
	}
	ids := make([]string, n)
	for i := range bs {
		ids[i] = bs[i].ID
	}
	walls, fails, err := sharedWalls(ctx, fps, ids, idx, opt.WallGapM, opt.Workers, func(i, j int) bool {
		return cand[i] && cand[j] && (bs[i].Dwellings == 1 || bs[j].Dwellings == 1)
	})
	if err != nil {
		return nil, nil, nil, err
	}
	if fails > 0 {
		notes = append(notes, fmt.Sprintf("%d paren footprints met een ontaarde ring (minder dan 4 punten) of een niet-eindige lengte overgeslagen; hun gedeelde muren tellen als 0", fails))
	}
	firstNb := make([]int32, n)
	for i := range firstNb {
		firstNb[i] = -1
	}
	for _, w := range walls {
		if w.lengthM < opt.MinSharedWallM {
			continue
		}
		for _, e := range [2][2]int32{{w.a, w.b}, {w.b, w.a}} {
			b := &bs[e[0]]
			b.PartyWalls++
			b.SharedWallM += w.lengthM
			firstNb[e[0]] = e[1]
		}
	}
	opt.progress("classify", n/2, n)

	// Storeys, woningtype, floor area.
	var lx *labelIndex
	if len(in.Labels) > 0 {
		lx = newLabelIndex(in.Labels)
	}
	for i := range bs {
		p, b, f := &in.Panden[i], &bs[i], &fs[i]
		b.Storeys = p.Levels
		if b.Use == UseWoning && p.Levels > 0 && f.woonM2 == 0 && p.OppervlakteM2 == 0 &&
			(b.DwellingsSource == "addresses" || b.DwellingsSource == "assumed") &&
			(b.Dwellings >= 2 || strings.EqualFold(p.BuildingType, "apartments")) {
			// Too few address points for a block of flats (OSM often maps
			// one per entrance): count dwellings from the floor area.
			if est := b.FootprintM2 * float64(p.Levels) * netToGross; est/float64(b.Dwellings) > maxM2PerFlat {
				b.Dwellings = int(math.Round(est / dwellingM2))
				b.DwellingsSource = "floor area / 75 m2"
			}
		}
		switch b.Use {
		case UseWoning:
			if b.Dwellings >= 2 {
				if b.Storeys == 0 && b.FootprintM2 > 0 {
					est := max(1, int(math.Round(float64(b.Dwellings)*dwellingM2/(netToGross*b.FootprintM2))))
					// Slenderness cap: height (3 m a storey) at most 1.5 x
					// the width of a square footprint, so a small house with
					// several addresses (rooms) does not become a tower.
					b.Storeys = min(est, max(2, int(0.5*math.Sqrt(b.FootprintM2))))
					f.storeysEs = true
				}
				switch {
				case b.Storeys <= laagMaxStoreys:
					b.Woningtype = TypeMeergezinsLaag
				case b.Storeys <= middenMaxStoreys:
					b.Woningtype = TypeMeergezinsMidden
				default:
					b.Woningtype = TypeMeergezinsHoog
				}
				est := ""
				if f.storeysEs {
					est = " (geschat)"
				}
				b.TypeReason = fmt.Sprintf("%s, %s%s", nOf(b.Dwellings, "woning", "woningen"), nOf(b.Storeys, "bouwlaag", "bouwlagen"), est)
				b.TypeSource = TypeFromDwellings
				break
			}
			switch {
			case b.PartyWalls == 0:
				b.Woningtype = TypeVrijstaand
			case b.PartyWalls >= 2:
				b.Woningtype = TypeTussenwoning
			default:
				nb := &bs[firstNb[i]]
				if nb.Use == UseWoning && nb.Dwellings == 1 && nb.PartyWalls == 1 {
					b.Woningtype = TypeTweeOnderEenKap
				} else {
					b.Woningtype = TypeHoekwoning
				}
			}
			b.TypeReason = fmt.Sprintf("1 woning, %d gedeelde muren (%s m samen)", b.PartyWalls, decimal(b.SharedWallM, 1))
			b.TypeSource = TypeFromWalls
			// EP-Online's registered type decides when it names one
			// ground-bound type; its combined value and flat types keep
			// the party-wall rule.
			if lx != nil {
				reg := lx.registeredType(&in, b, f)
				switch t, combined, ok := epOnlineType(reg); {
				case ok:
					if t != b.Woningtype {
						b.TypeReason = fmt.Sprintf("EP-Online %s (volgens de gedeelde muren: %s, %d muren)", reg, b.Woningtype, b.PartyWalls)
					} else {
						b.TypeReason = fmt.Sprintf("EP-Online %s, net als de gedeelde muren (%d)", reg, b.PartyWalls)
					}
					b.Woningtype, b.TypeSource = t, TypeFromEPOnline
				case combined:
					b.TypeSource = TypeFromWallsComb
					b.TypeReason += "; EP-Online: " + reg
				}
			}
		}
		b.FloorAreaM2, b.FloorAreaSource = floorArea(p, b, f)
		switch b.Use {
		case UseWoning:
			b.DwellingEquivalents = float64(b.Dwellings) + f.utilM2/utilityM2PerDwEq
		case UseUtiliteit:
			b.DwellingEquivalents = b.FloorAreaM2 / utilityM2PerDwEq
		}
	}
	if lx != nil {
		count := map[string]int{}
		for i := range bs {
			if bs[i].Use == UseWoning && bs[i].Dwellings < 2 {
				count[bs[i].TypeSource]++
			}
		}
		notes = append(notes, fmt.Sprintf("woningtype van de %d panden met één woning: Pand_gebouwtype uit EP-Online besliste bij %d, de gedeelde muren bij %d (%d daarvan met de gecombineerde waarde \"Twee-onder-een-kap / rijwoning hoek\" uit EP-Online)",
			count[TypeFromEPOnline]+count[TypeFromWalls]+count[TypeFromWallsComb], count[TypeFromEPOnline], count[TypeFromWalls]+count[TypeFromWallsComb], count[TypeFromWallsComb]))
	}
	if !noData && !hasVBO {
		if note := noDwellingDataOSM(in.Panden, bs, fs); note != "" {
			notes = append([]string{note}, notes...)
		}
	}
	opt.progress("classify", n, n)
	return bs, fs, notes, nil
}

// NoDwellingData starts the first note of a scan whose inputs carry no
// dwelling data at all (see doc.go): every dwelling count is a guess.
const NoDwellingData = "GEEN WONINGGEGEVENS"

// noDwellingDataOSM is the NoDwellingData note for panden that are not
// BAG records (OpenStreetMap buildings: no status) when none of them
// carries verblijfsobjecten, aantal_verblijfsobjecten, floor area or an
// address point: every dwelling count is then invented from the building
// tag, the footprint and the levels. Empty when there is dwelling data or
// no woning.
func noDwellingDataOSM(ps []geodata.Pand, bs []Building, fs []facts) string {
	for i := range ps {
		p := &ps[i]
		if p.Status != "" || p.Verblijfsobjecten > 0 || p.OppervlakteM2 > 0 || len(fs[i].addrs) > 0 || len(fs[i].vbos) > 0 {
			return ""
		}
	}
	woningen, dw := 0, 0
	bySource := map[string][2]int{}
	for i := range bs {
		if bs[i].Use != UseWoning {
			continue
		}
		woningen++
		dw += bs[i].Dwellings
		c := bySource[bs[i].DwellingsSource]
		bySource[bs[i].DwellingsSource] = [2]int{c[0] + 1, c[1] + bs[i].Dwellings}
	}
	if woningen == 0 {
		return ""
	}
	srcs := make([]string, 0, len(bySource))
	for s := range bySource {
		srcs = append(srcs, s)
	}
	sort.Strings(srcs)
	parts := make([]string, len(srcs))
	for k, s := range srcs {
		how := "uit " + s
		switch s {
		case "assumed":
			how = "aangenomen: één per gebouw"
		case "floor area / 75 m2":
			how = "uit vloeroppervlak / 75 m² (footprint × bouwlagen × 0,8)"
		}
		parts[k] = fmt.Sprintf("%d gebouwen met %d woningen %s", bySource[s][0], bySource[s][1], how)
	}
	return fmt.Sprintf(NoDwellingData+": geen van de %d gebouwen (geen BAG: zonder status) heeft verblijfsobjecten, aantal_verblijfsobjecten, oppervlakte of een adrespunt; "+
		"%d zijn als woning genomen op grond van hun gebouwsoort en grootte, samen %d woningen, allemaal geschat: %s. Geef BAG-verblijfsobjecten of adrespunten op voor echte aantallen",
		len(ps), woningen, dw, strings.Join(parts, "; "))
}

// floorArea returns the usable floor area (m2) and its source.
func floorArea(p *geodata.Pand, b *Building, f *facts) (float64, string) {
	switch {
	case b.Use == UseBijgebouw:
		return 0, "none"
	case b.Use == UseWoning && f.woonM2 > 0:
		return f.woonM2, "bag"
	case b.Use == UseUtiliteit && f.utilM2 > 0:
		return f.utilM2, "bag"
	case p.OppervlakteM2 > 0:
		return p.OppervlakteM2, "bag"
	}
	storeys := float64(b.Storeys)
	if storeys == 0 {
		storeys = houseStoreysDefault
		if b.Use == UseUtiliteit {
			storeys = utilStoreysDefault
		}
	}
	return b.FootprintM2 * storeys * netToGross, "footprint"
}

func hasWoon(gd []string) bool {
	for _, g := range gd {
		if strings.EqualFold(strings.TrimSpace(g), "woonfunctie") {
			return true
		}
	}
	return false
}

func countOtherUses(gd []string) int {
	n := 0
	for _, g := range gd {
		if !strings.EqualFold(strings.TrimSpace(g), "woonfunctie") {
			n++
		}
	}
	return n
}

// vboUses lists the distinct gebruiksdoelen of a pand's verblijfsobjecten.
func vboUses(vs []geodata.Verblijfsobject, idx []int32) []string {
	var out []string
	for _, k := range idx {
		for _, g := range vs[k].Gebruiksdoel {
			found := false
			for _, o := range out {
				found = found || o == g
			}
			if !found {
				out = append(out, g)
			}
		}
	}
	return out
}

// distinctAddresses counts address points with distinct postcode and
// house number (an OSM address may be mapped twice).
func distinctAddresses(as []geodata.Address, idx []int32) int {
	seen := make(map[string]struct{}, len(idx))
	for _, k := range idx {
		a := as[k]
		key := a.Postcode + "|" + strings.ToLower(a.Housenumber) + "|" + a.Street
		if a.Housenumber == "" {
			key = a.ID
		}
		seen[key] = struct{}{}
	}
	return len(seen)
}

// nOf is n with the Dutch singular or plural noun: "1 bouwlaag", "3
// bouwlagen".
func nOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
