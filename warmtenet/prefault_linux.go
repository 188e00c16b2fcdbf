package warmtenet

import (
	"syscall"
	"unsafe"
)

// canPopulate: Linux has MADV_POPULATE_WRITE (from 5.14; an older kernel
// rejects it and populate does nothing).
const canPopulate = true

// madvPopulateWrite is MADV_POPULATE_WRITE (asm-generic/mman-common.h).
const madvPopulateWrite = 23

var pageSize = uintptr(syscall.Getpagesize())

// populate maps in the pages of the n bytes at p, writable, without
// writing them: madvise(MADV_POPULATE_WRITE) over the pages they lie on.
// The pages at either end may hold other objects of the heap; their
// contents stay as they are.
func populate(p unsafe.Pointer, n uintptr) {
	start := uintptr(p) &^ (pageSize - 1)
	end := (uintptr(p) + n + pageSize - 1) &^ (pageSize - 1)
	syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvPopulateWrite)
}
