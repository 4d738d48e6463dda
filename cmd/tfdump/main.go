package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/prodgrade/prodgrade/internal/source/terraform"
)

func main() {
	f, _ := os.Create("/tmp/cpu.prof")
	pprof.StartCPUProfile(f)
	t := time.Now()
	l := terraform.Load(os.Args[1:], terraform.Options{})
	pprof.StopCPUProfile()
	n := 0
	for _, c := range l.Components {
		n += len(c.Resources)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println(len(l.Components), n, time.Since(t), ms.TotalAlloc>>20, "MiB alloc", ms.HeapInuse>>20)
	h, _ := os.Create("/tmp/mem.prof")
	pprof.WriteHeapProfile(h)
}
