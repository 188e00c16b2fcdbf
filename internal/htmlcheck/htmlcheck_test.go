package htmlcheck

import "testing"

func TestBalanced(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		doc string
		ok  bool
	}{
		{"<html><body><p>a<br>b</p><img src=x></body></html>", true},
		{"<p>&euro; &nbsp;</p>", true},
		{"<div><p></div></p>", false},
		{"<div><span>", false},
		{"</p>", false},
	} {
		if err := Balanced([]byte(c.doc)); (err == nil) != c.ok {
			t.Errorf("Balanced(%q) = %v, want ok %v", c.doc, err, c.ok)
		}
	}
}
