package main

import "syscall"

// maxAddressSpace caps the renderer's memory. A chart is untrusted code:
// a template can build a list of a billion elements (until, untilStep) or
// print without end, and Go templates cannot be interrupted. Past the
// cap the renderer dies with an out-of-memory error, which prodgrade
// reports as an input error for that chart, instead of the machine
// running out of memory. Real charts render in tens of megabytes.
const maxAddressSpace = 3 << 30

func limitMemory() {
	lim := syscall.Rlimit{Cur: maxAddressSpace, Max: maxAddressSpace}
	var cur syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_AS, &cur) == nil && cur.Cur < lim.Cur {
		return // already lower
	}
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &lim) // best effort
}
