//go:build !linux

package warmtenet

import "unsafe"

// canPopulate: only Linux maps pages in without writing them.
const canPopulate = false

func populate(unsafe.Pointer, uintptr) {}
