//go:build !linux

package main

// limitMemory does nothing where the address space cannot be capped with
// setrlimit the same way; the renderer's time limit still applies.
func limitMemory() {}
