package wijkanalyse

import (
	"fmt"
	"math"
	"strings"

	"github.com/wijkwarmte/wijkwarmte/geodata"
)

// Use rules (see doc.go):
//
//  1. BAG gebruiksdoel known: any woonfunctie makes a woning; otherwise the
//     first heated function gives the Vesta utility type (kantoorfunctie ->
//     Kantoor, ...; "overige gebruiksfunctie" -> Overig). A pand without
//     any verblijfsobject, when verblijfsobjecten were given, is a
//     bijgebouw; so is a BAG pand (one with a status) without gebruiksdoel
//     and with aantal_verblijfsobjecten 0 -- unless no pand of the input
//     has any dwelling data (noDwellingData: no verblijfsobjecten given,
//     no gebruiksdoel, aantal_verblijfsobjecten or floor area on any BAG
//     pand). Then address points decide as in rule 2; without them a
//     footprint under minAssumedDwellingM2 is a bijgebouw and a larger one
//     a woning whose dwellings are estimated from the footprint
//     (footprintDwellings).
//  2. No gebruiksdoel (OSM): the building tag decides through osmUse;
//     building=yes (or an unknown tag) is a woning when address points lie
//     in the footprint, utiliteit (Overig) when it has none and a
//     footprint of at least yesUtilityMinM2, else a bijgebouw; with
//     address points but more than yesMaxM2PerAddress of footprint per
//     address it is utiliteit (Overig).

// yesMaxM2PerAddress is the largest footprint per address point (m2) of an
// untyped building that is taken for dwellings; above it the addresses
// belong to a large non-residential building (a faculty, a school).
// Assumption of this package: a Dutch dwelling's footprint is 20-150 m2.
const yesMaxM2PerAddress = 300

// yesUtilityMinM2 is the smallest footprint (m2) of an untyped building
// without addresses that still counts as heated utility; smaller ones are
// taken for sheds and garages. Assumption of this package.
const yesUtilityMinM2 = 200

// gebruiksdoelUtility maps BAG gebruiksdoelen to Vesta utility types
// (20201202_Utiliteiten_BAG.csv type_str).
var gebruiksdoelUtility = map[string]string{
	"kantoorfunctie":          "Kantoor",
	"winkelfunctie":           "Winkel",
	"gezondheidszorgfunctie":  "Gezondheidszorg",
	"logiesfunctie":           "Logies",
	"onderwijsfunctie":        "Onderwijs",
	"industriefunctie":        "Industrie",
	"bijeenkomstfunctie":      "Bijeenkomst",
	"sportfunctie":            "Sport",
	"celfunctie":              "Cel",
	"overige gebruiksfunctie": "Overig",
}

// osmUse maps OSM building=* values to a use and, for utility, a Vesta
// utility type. Values not listed are treated like building=yes.
var osmUse = map[string]struct {
	use  Use
	util string
}{
	"house": {UseWoning, ""}, "residential": {UseWoning, ""}, "apartments": {UseWoning, ""},
	"detached": {UseWoning, ""}, "semidetached_house": {UseWoning, ""}, "terrace": {UseWoning, ""},
	"bungalow": {UseWoning, ""}, "dormitory": {UseWoning, ""}, "houseboat": {UseWoning, ""},
	"farm": {UseWoning, ""}, "cabin": {UseWoning, ""}, "static_caravan": {UseWoning, ""},

	"shed": {UseBijgebouw, ""}, "garage": {UseBijgebouw, ""}, "garages": {UseBijgebouw, ""},
	"roof": {UseBijgebouw, ""}, "carport": {UseBijgebouw, ""}, "parking": {UseBijgebouw, ""},
	"hut": {UseBijgebouw, ""}, "greenhouse": {UseBijgebouw, ""}, "barn": {UseBijgebouw, ""},
	"construction": {UseBijgebouw, ""}, "ruins": {UseBijgebouw, ""}, "bunker": {UseBijgebouw, ""},
	"container": {UseBijgebouw, ""}, "service": {UseBijgebouw, ""}, "transformer_tower": {UseBijgebouw, ""},
	"bridge": {UseBijgebouw, ""}, "no": {UseBijgebouw, ""}, "storage_tank": {UseBijgebouw, ""},

	"office": {UseUtiliteit, "Kantoor"}, "commercial": {UseUtiliteit, "Kantoor"},
	"government": {UseUtiliteit, "Kantoor"}, "retail": {UseUtiliteit, "Winkel"},
	"supermarket": {UseUtiliteit, "Winkel"}, "kiosk": {UseUtiliteit, "Winkel"},
	"industrial": {UseUtiliteit, "Industrie"}, "warehouse": {UseUtiliteit, "Industrie"},
	"manufacture": {UseUtiliteit, "Industrie"}, "school": {UseUtiliteit, "Onderwijs"},
	"kindergarten": {UseUtiliteit, "Onderwijs"}, "university": {UseUtiliteit, "Onderwijs"},
	"college": {UseUtiliteit, "Onderwijs"}, "hospital": {UseUtiliteit, "Gezondheidszorg"},
	"clinic": {UseUtiliteit, "Gezondheidszorg"}, "hotel": {UseUtiliteit, "Logies"},
	"church": {UseUtiliteit, "Bijeenkomst"}, "chapel": {UseUtiliteit, "Bijeenkomst"},
	"mosque": {UseUtiliteit, "Bijeenkomst"}, "civic": {UseUtiliteit, "Bijeenkomst"},
	"public": {UseUtiliteit, "Bijeenkomst"}, "community_centre": {UseUtiliteit, "Bijeenkomst"},
	"sports_centre": {UseUtiliteit, "Sport"}, "sports_hall": {UseUtiliteit, "Sport"},
	"stadium": {UseUtiliteit, "Sport"}, "prison": {UseUtiliteit, "Cel"},
	"transportation": {UseUtiliteit, "Overig"}, "train_station": {UseUtiliteit, "Overig"},
	"fire_station": {UseUtiliteit, "Overig"},
}

// useOf decides the use of a pand. hasVBOInput says whether
// verblijfsobjecten were given at all, vbos how many lie in this pand,
// addrs how many address points lie in its footprint. It returns the use,
// the Vesta utility type and a reason in words.
func useOf(gebruiksdoel []string, tag, status string, aantalVBO int, hasVBOInput, noDwellingData bool, vbos, addrs int, footprintM2 float64) (Use, string, string) {
	if len(gebruiksdoel) > 0 {
		util := ""
		for _, g := range gebruiksdoel {
			g = strings.ToLower(strings.TrimSpace(g))
			if g == "woonfunctie" {
				return UseWoning, "", "gebruiksdoel woonfunctie"
			}
			if t, ok := gebruiksdoelUtility[g]; ok && (util == "" || util == "Overig") {
				util = t
			}
		}
		if util != "" {
			return UseUtiliteit, util, "gebruiksdoel " + strings.Join(gebruiksdoel, ", ")
		}
	}
	if hasVBOInput && vbos == 0 {
		return UseBijgebouw, "", "geen verblijfsobject in het pand"
	}
	if status != "" && tag == "" && len(gebruiksdoel) == 0 && aantalVBO == 0 && vbos == 0 {
		switch {
		case !noDwellingData:
			// A BAG record (it has a status) without gebruiksdoel and
			// without verblijfsobjecten among records that have them: a
			// shed, garage or other annex.
			return UseBijgebouw, "", "BAG-pand zonder verblijfsobject"
		case addrs > 0:
			// No BAG record has dwelling data: address points decide, as
			// for an untyped OSM building (below).
		case footprintM2 < minAssumedDwellingM2:
			return UseBijgebouw, "", fmt.Sprintf("BAG-pand zonder woninggegevens, footprint %.0f m² < %d m²", footprintM2, minAssumedDwellingM2)
		default:
			return UseWoning, "", "BAG-pand zonder woninggegevens: woning aangenomen, woningen uit de footprint"
		}
	}
	if u, ok := osmUse[strings.ToLower(tag)]; ok {
		return u.use, u.util, "building=" + tag
	}
	switch {
	case addrs > 0 && footprintM2/float64(addrs) <= yesMaxM2PerAddress:
		return UseWoning, "", "gebouw zonder soort, met adrespunten"
	case addrs > 0:
		return UseUtiliteit, "Overig", fmt.Sprintf("gebouw zonder soort met %d adrespunten op %.0f m² footprint", addrs, footprintM2)
	case footprintM2 >= yesUtilityMinM2:
		return UseUtiliteit, "Overig", "gebouw zonder soort en zonder adres, footprint >= 200 m²"
	default:
		return UseBijgebouw, "", "gebouw zonder soort en zonder adres, footprint < 200 m²"
	}
}

// maxHouseFootprintM2 is the largest footprint (m2) taken for one dwelling
// when a BAG pand has no dwelling data; a larger one holds flats at
// dwellingM2 of gross floor area each. Assumption of this package: a
// Dutch single-family dwelling's footprint is 20-150 m2.
const maxHouseFootprintM2 = 150

// footprintDwellings estimates the dwellings of a BAG pand without any
// dwelling data: 1 up to maxHouseFootprintM2 of footprint, else the
// estimated floor area (footprint × houseStoreysDefault × netToGross)
// over dwellingM2, rounded, at least 2.
func footprintDwellings(footprintM2 float64) int {
	if footprintM2 <= maxHouseFootprintM2 {
		return 1
	}
	return max(2, int(math.Round(footprintM2*houseStoreysDefault*netToGross/dwellingM2)))
}

// noDwellingData reports whether the panden are BAG records (at least one
// has a status) of which none carries any dwelling data: no gebruiksdoel,
// no aantal_verblijfsobjecten, no floor area. With verblijfsobjecten given
// (hasVBO) there is dwelling data.
func noDwellingData(ps []geodata.Pand, hasVBO bool) bool {
	if hasVBO {
		return false
	}
	bag := false
	for i := range ps {
		p := &ps[i]
		if p.Status == "" {
			continue
		}
		bag = true
		if len(p.Gebruiksdoel) > 0 || p.Verblijfsobjecten > 0 || p.OppervlakteM2 > 0 {
			return false
		}
	}
	return bag
}
