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
		{"<p><script>if (a<b && c>d) { x = '</div>'; }</script></p>", true},
		{"<style>a > b { }</style><SCRIPT type=\"application/json\">{\"a\":\"<p>\"}</SCRIPT>", true},
		{"<script>a<b", false},
		{"<div><script></script>", false},
	} {
		if err := Balanced([]byte(c.doc)); (err == nil) != c.ok {
			t.Errorf("Balanced(%q) = %v, want ok %v", c.doc, err, c.ok)
		}
	}
}

func TestExternalRefs(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		doc  string
		want int
	}{
		{`<p><a href="#x">x</a><img src="data:image/png;base64,AA"></p>`, 0},
		{`<script>var a = '<a href="https://example.org">';</script>`, 0},
		{`<img src="https://example.org/a.png">`, 1},
		{`<link href=//example.org/a.css>`, 1},
		{`<style>a { background: url("https://example.org/a.png") }</style>`, 1},
		{`<style>@import "a.css";</style>`, 1},
	} {
		got, err := ExternalRefs([]byte(c.doc))
		if err != nil || len(got) != c.want {
			t.Errorf("ExternalRefs(%q) = %q, %v; want %d", c.doc, got, err, c.want)
		}
	}
}
