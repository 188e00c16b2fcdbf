// Package htmlcheck checks the HTML wijkwarmte writes, for tests: that a
// document tokenizes and closes every element it opens, in order.
package htmlcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
)

var (
	externalAttr = regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?\s*(https?:)?//`)
	externalCSS  = regexp.MustCompile(`(?i)url\(\s*["']?\s*(https?:)?//|@import`)
)

// ExternalRefs returns what in doc would make a browser fetch something
// from elsewhere: a src or href to another host in the markup (links in
// scripts are not markup), a url() to another host or an @import in the
// styles. An error says doc's script or style is not closed.
func ExternalRefs(doc []byte) ([]string, error) {
	m, err := Markup(doc)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range externalAttr.FindAll(m, -1) {
		out = append(out, string(r))
	}
	for _, r := range externalCSS.FindAll(doc, -1) {
		out = append(out, string(r))
	}
	return out, nil
}

// Balanced tokenizes doc with encoding/xml in HTML mode (void elements
// auto-closed, HTML entities known) and returns an error when it does not
// parse or an element is closed out of order or left open. The contents
// of script and style elements are raw text, as in HTML, and are not
// tokenized.
func Balanced(doc []byte) error {
	doc, err := Markup(doc)
	if err != nil {
		return err
	}
	d := xml.NewDecoder(bytes.NewReader(doc))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	var stack []string
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("does not parse: %w", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1] != tok.Name.Local {
				return fmt.Errorf("</%s> closes %v", tok.Name.Local, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		return fmt.Errorf("unclosed elements %v", stack)
	}
	return nil
}

// Markup returns a copy of doc with the contents of every script and
// style element removed (the elements themselves stay), or an error when
// one is not closed: what is left is markup, to check for references.
func Markup(doc []byte) ([]byte, error) {
	lower := bytes.ToLower(doc)
	var out []byte
	last := 0
	for i := 0; i < len(lower); {
		j := bytes.IndexByte(lower[i:], '<')
		if j < 0 {
			break
		}
		i += j
		var name string
		for _, n := range []string{"script", "style"} {
			if bytes.HasPrefix(lower[i+1:], []byte(n)) {
				k := i + 1 + len(n)
				if k < len(lower) && (lower[k] == '>' || lower[k] == ' ' || lower[k] == '\t' || lower[k] == '\n') {
					name = n
				}
			}
		}
		if name == "" {
			i++
			continue
		}
		open := bytes.IndexByte(lower[i:], '>')
		if open < 0 {
			return nil, fmt.Errorf("<%s> not closed", name)
		}
		start := i + open + 1
		end := bytes.Index(lower[start:], []byte("</"+name))
		if end < 0 {
			return nil, fmt.Errorf("<%s> at byte %d has no </%s>", name, i, name)
		}
		out = append(out, doc[last:start]...)
		last = start + end
		i = last + 2
	}
	return append(out, doc[last:]...), nil
}
