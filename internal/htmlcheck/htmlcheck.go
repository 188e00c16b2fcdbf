// Package htmlcheck checks the HTML wijkwarmte writes, for tests: that a
// document tokenizes and closes every element it opens, in order.
package htmlcheck

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// Balanced tokenizes doc with encoding/xml in HTML mode (void elements
// auto-closed, HTML entities known) and returns an error when it does not
// parse or an element is closed out of order or left open.
func Balanced(doc []byte) error {
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
