package report

import (
	"bytes"
	"io"
	"testing"
)

func TestCSVWriter(t *testing.T) {
	t.Parallel()
	in := "Code;Omschrijving;S1a\nH16;nationale kosten, per jaar;1234567.5\nV01;variant;2020\nI01;buurt;BU05030901\nX;neg;-0.25\n"
	for _, c := range []struct {
		name  string
		o     CSVOptions
		comma rune
		in    string
		want  string
	}{
		{"default: unchanged", CSVOptions{}, ';', in, in},
		{"decimal comma", CSVOptions{DecimalComma: true}, ';', in,
			"Code;Omschrijving;S1a\nH16;nationale kosten, per jaar;1234567,5\nV01;variant;2020\nI01;buurt;BU05030901\nX;neg;-0,25\n"},
		{"BOM", CSVOptions{BOM: true}, ';', in, "\xEF\xBB\xBF" + in},
		{"comma-separated with decimal comma: ';' separates", CSVOptions{DecimalComma: true, BOM: true}, ',',
			"name,value,unit,source\ndiscount.national,0.03,fraction,\"PBL, 2020\"\n",
			"\xEF\xBB\xBFname;value;unit;source\ndiscount.national;0,03;fraction;PBL, 2020\n"},
		{"comment lines before the header stay as they are", CSVOptions{DecimalComma: true, BOM: true}, ',',
			"# wijkwarmte-kosten-params/1 (VestaDV 4742ff05, MESIDO EDR 2020.03, KEV2019)\n# 2.5\nname,value\n#x,1.5\n",
			"\xEF\xBB\xBF# wijkwarmte-kosten-params/1 (VestaDV 4742ff05, MESIDO EDR 2020.03, KEV2019)\n# 2.5\nname;value\n#x;1,5\n"},
	} {
		var b bytes.Buffer
		w := NewCSVWriter(&b, c.o, c.comma)
		io.WriteString(w, c.in)
		if err := w.Close(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if b.String() != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, b.String(), c.want)
		}
	}
}
