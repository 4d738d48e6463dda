package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"
)

func init() {
	p := os.Getenv("ZZ_HEAP")
	if p == "" {
		return
	}
	ms, _ := strconv.Atoi(os.Getenv("ZZ_MS"))
	go func() {
		time.Sleep(time.Duration(ms) * time.Millisecond)
		runtime.GC()
		f, _ := os.Create(p)
		pprof.Lookup("heap").WriteTo(f, 0)
		f.Close()
	}()
}
