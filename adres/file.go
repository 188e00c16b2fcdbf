package adres

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/paulmach/orb"

	"github.com/wijkwarmte/wijkwarmte/geodata"
	"github.com/wijkwarmte/wijkwarmte/wijkanalyse"
)

// FileName is the file a scan writes into its output set for the
// look-up (wijkwarmte scan --out DIR writes DIR/answers.json).
const FileName = "answers.json"

// fileFormat and fileVersion identify the file; a reader refuses another.
const (
	fileFormat  = "wijkwarmte-answers"
	fileVersion = 1
)

// file is the JSON layout of FileName.
type file struct {
	Format        string  `json:"format"`
	Version       int     `json:"version"`
	Wijk          string  `json:"wijk"`
	CRS           string  `json:"crs"`
	Year          int     `json:"year"`
	NetworkOption string  `json:"network_option"`
	NearM         float64 `json:"near_m"`
	// AssumedSources lists the option kinds whose heat source the scan
	// assumed rather than took from --sources (Index.MarkAssumedSources).
	AssumedSources []string  `json:"assumed_sources,omitempty"`
	Panden         []record  `json:"panden"`
	Addresses      []Address `json:"addresses"`
}

// record is what the file keeps of a pand: the facts of the scan its
// answer is made from (answerOf), not the answer's text, which Read
// makes again. Costs are kept to the cent and CO2 to 10 g, so an index
// read back answers with figures rounded that far.
type record struct {
	ID                  string                  `json:"pand_id"`
	Footprint           orb.Polygon             `json:"footprint_rd"`
	Centroid            orb.Point               `json:"centroid_rd"`
	Bouwjaar            int                     `json:"bouwjaar"`
	Era                 int                     `json:"era"`
	Use                 string                  `json:"use"`
	UtilityType         string                  `json:"utility_type,omitempty"`
	Woningtype          string                  `json:"woningtype,omitempty"`
	TypeReason          string                  `json:"woningtype_reason,omitempty"`
	Dwellings           int                     `json:"dwellings"`
	DwellingsSource     string                  `json:"dwellings_source"`
	DwellingEquivalents float64                 `json:"dwelling_equivalents"`
	FloorAreaM2         float64                 `json:"floor_area_m2"`
	Label               string                  `json:"label"`
	LabelSource         string                  `json:"label_source"`
	LabelsEPOnline      int                     `json:"labels_ep_online"`
	SpaceHeatGJ         float64                 `json:"space_heat_gj"`
	TapWaterGJ          float64                 `json:"tap_water_gj"`
	GasM3               float64                 `json:"gas_m3"`
	Suitability         wijkanalyse.Suitability `json:"suitability"`
	Best                string                  `json:"best"`
	Connected           bool                    `json:"connected"`
	DroppedReason       string                  `json:"dropped_reason,omitempty"`
	Options             []recordOption          `json:"options"`
}

type recordOption struct {
	Kind     string  `json:"kind"`
	Feasible bool    `json:"feasible"`
	Reason   string  `json:"reason"`
	National Band    `json:"national"`
	EndUser  Band    `json:"enduser"`
	CO2      Band    `json:"co2"`
	Score    float64 `json:"score"`
}

func recordOf(b *wijkanalyse.Building) record {
	r := record{ID: b.ID, Footprint: b.Footprint, Centroid: b.Centroid, Bouwjaar: b.Bouwjaar, Era: int(b.Era),
		Use: string(b.Use), UtilityType: b.UtilityType, Woningtype: string(b.Woningtype), TypeReason: b.TypeReason,
		Dwellings: b.Dwellings, DwellingsSource: b.DwellingsSource, DwellingEquivalents: b.DwellingEquivalents,
		FloorAreaM2: b.FloorAreaM2, Label: b.Label, LabelSource: string(b.LabelSource), LabelsEPOnline: b.LabelsEPOnline,
		SpaceHeatGJ: b.SpaceHeatGJ, TapWaterGJ: b.TapWaterGJ, GasM3: b.GasM3, Suitability: b.Suitability,
		Best: string(b.Best), Connected: b.Connected, DroppedReason: b.DroppedReason, Options: []recordOption{}}
	for _, o := range b.Options {
		if b.Use == wijkanalyse.UseBijgebouw {
			break // its answer lists no options
		}
		r.Options = append(r.Options, recordOption{Kind: string(o.Kind), Feasible: o.Feasible, Reason: o.Reason,
			National: rounded(bandOf(o.National, 1), 2), EndUser: rounded(bandOf(o.EndUser, 1), 2), CO2: rounded(bandOf(o.CO2, 1), 5), Score: o.Score})
	}
	return r
}

// rounded rounds the band's figures to dec decimals (2: cents for euro):
// the file keeps what an answer shows, not 17 digits of each figure.
func rounded(b Band, dec int) Band {
	if !b.Applies() {
		return b
	}
	r := func(x float64) float64 {
		v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', dec, 64), 64)
		return v
	}
	return Band{r(b.Value), r(b.Min), r(b.Max)}
}

// building is the part of a wijkanalyse.Building the record keeps.
func (r *record) building() wijkanalyse.Building {
	b := wijkanalyse.Building{ID: r.ID, Footprint: r.Footprint, Centroid: r.Centroid, Bouwjaar: r.Bouwjaar, Era: wijkanalyse.Era(r.Era),
		Use: wijkanalyse.Use(r.Use), UtilityType: r.UtilityType, Woningtype: wijkanalyse.Woningtype(r.Woningtype), TypeReason: r.TypeReason,
		Dwellings: r.Dwellings, DwellingsSource: r.DwellingsSource, DwellingEquivalents: r.DwellingEquivalents,
		FloorAreaM2: r.FloorAreaM2, Label: r.Label, LabelSource: wijkanalyse.LabelSource(r.LabelSource), LabelsEPOnline: r.LabelsEPOnline,
		SpaceHeatGJ: r.SpaceHeatGJ, TapWaterGJ: r.TapWaterGJ, GasM3: r.GasM3, Suitability: r.Suitability,
		Best: wijkanalyse.OptionKind(r.Best), Connected: r.Connected, DroppedReason: r.DroppedReason}
	for _, o := range r.Options {
		b.Options = append(b.Options, wijkanalyse.Option{Kind: wijkanalyse.OptionKind(o.Kind), Feasible: o.Feasible, Reason: o.Reason,
			National: wijkanalyse.Band(o.National), EndUser: wijkanalyse.Band(o.EndUser), CO2: wijkanalyse.Band(o.CO2), Score: o.Score})
	}
	return b
}

// WriteJSON writes the index as FileName: every pand with its footprint
// and answer, every address with its pand. The same index gives the same
// bytes.
func (ix *Index) WriteJSON(w io.Writer) error {
	f := file{Format: fileFormat, Version: fileVersion, Wijk: ix.Wijk, CRS: geodata.CRS, Year: ix.Year,
		NetworkOption: ix.NetworkOption, NearM: NearM, AssumedSources: ix.assumed, Panden: ix.records, Addresses: ix.addrs}
	if f.Panden == nil {
		f.Panden = []record{}
	}
	if f.Addresses == nil {
		f.Addresses = []Address{}
	}
	enc := json.NewEncoder(w)
	return enc.Encode(f)
}

// maxPandSpanM caps a footprint's envelope in Read, m: the largest
// buildings of the Netherlands (the Aalsmeer flower auction, Schiphol's
// terminal) are under 2 km across.
const maxPandSpanM = 3000.0

// Read reads an index written by WriteJSON. name is the file's name for
// errors. A pand without a valid id or footprint, or an address naming a
// pand that is not there, is an error naming it.
func Read(r io.Reader, name string) (*Index, error) {
	var f file
	dec := json.NewDecoder(bufio.NewReader(r))
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if f.Format != fileFormat || f.Version != fileVersion {
		return nil, fmt.Errorf("%s: not a %s file of version %d (format %q, version %d)", name, fileFormat, fileVersion, f.Format, f.Version)
	}
	ix := &Index{Wijk: f.Wijk, Year: f.Year, NetworkOption: f.NetworkOption, records: f.Panden, addrs: f.Addresses}
	ix.panden = make([]Pand, len(f.Panden))
	for i := range f.Panden {
		r := &f.Panden[i]
		id, err := geodata.NormalizePandID(r.ID)
		if err != nil || id != r.ID {
			return nil, fmt.Errorf("%s: pand %d: id %q is not a 16-digit BAG pand id", name, i, r.ID)
		}
		if len(r.Footprint) == 0 || len(r.Footprint[0]) < 4 {
			return nil, fmt.Errorf("%s: pand %d (BAG id %s): no footprint", name, i, r.ID)
		}
		// The near-pand grid gives a pand every 50 m cell its envelope
		// meets: one across the country was 10^10 cells.
		if err := geodata.CheckRD(r.Footprint); err != nil {
			return nil, fmt.Errorf("%s: pand %d (BAG id %s): footprint: %w", name, i, r.ID, err)
		}
		if b := r.Footprint.Bound(); b.Max[0]-b.Min[0] > maxPandSpanM || b.Max[1]-b.Min[1] > maxPandSpanM {
			return nil, fmt.Errorf("%s: pand %d (BAG id %s): footprint spans %.0f x %.0f m, over %.0f m", name, i, r.ID, b.Max[0]-b.Min[0], b.Max[1]-b.Min[1], maxPandSpanM)
		}
		if want := len(wijkanalyse.OptionKinds); r.Use == string(wijkanalyse.UseBijgebouw) && len(r.Options) != 0 || r.Use != string(wijkanalyse.UseBijgebouw) && len(r.Options) != want {
			return nil, fmt.Errorf("%s: pand %d (BAG id %s): %s with %d options (a bijgebouw has none, others %d)", name, i, r.ID, r.Use, len(r.Options), len(wijkanalyse.OptionKinds))
		}
		b := r.building()
		ix.panden[i] = Pand{ID: r.ID, Footprint: r.Footprint, Answer: answerOf(&b, wijkanalyse.OptionKind(f.NetworkOption))}
	}
	ix.index()
	kinds := make([]wijkanalyse.OptionKind, len(f.AssumedSources))
	for i, k := range f.AssumedSources {
		kinds[i] = wijkanalyse.OptionKind(k)
	}
	ix.MarkAssumedSources(kinds)
	for i, a := range ix.addrs {
		if _, ok := normalPostcode(a.Postcode); !ok || a.Huisnummer <= 0 {
			return nil, fmt.Errorf("%s: address %d: postcode %q, huisnummer %d not valid", name, i, a.Postcode, a.Huisnummer)
		}
		if _, ok := ix.byID[a.PandID]; a.PandID != "" && !ok {
			return nil, fmt.Errorf("%s: address %d (%s): pand %s is not in the file", name, i, a, a.PandID)
		}
	}
	ix.indexAddresses()
	return ix, nil
}

// ErrNoAnswers is returned (wrapped) by Load when the folder holds no
// FileName: it is not a finished scan's output, or one from before
// answers were written.
var ErrNoAnswers = errors.New("adres: no " + FileName + " in the folder")

// Load reads DIR/answers.json of a finished scan (wijkwarmte scan --out
// DIR).
func Load(dir string) (*Index, error) {
	path := filepath.Join(dir, FileName)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w; run 'wijkwarmte scan --out %s' first", path, ErrNoAnswers, dir)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Read(f, path)
}
