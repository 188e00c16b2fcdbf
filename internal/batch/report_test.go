package batch

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
)

// TestReportStatusSentence: the report's opening sentence counts the
// buurten per status in a fixed order with the words of the command's
// last line; it said "60 buurten doorgerekend" and then "doorgerekend:
// 48", in the order of the status codes.
func TestReportStatusSentence(t *testing.T) {
	t.Parallel()
	s := &Summary{Tool: "wijkwarmte batch", Status: map[string]int{StatusOK: 48, StatusEmpty: 6, StatusWater: 6}}
	s.Input.Buurten = 60
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	if err := writeReport(w, s, nil); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	want := "60 buurten, elk met wijkwarmte batch als eigen wijkanalyse (eigen warmtenet langs de straten, eigen kosten): 48 doorgerekend, 6 zonder panden, 6 water, 0 mislukt."
	if html := b.String(); !strings.Contains(html, want) || strings.Contains(html, "buurten doorgerekend met") {
		t.Errorf("report.html lacks %q", want)
	}
}
