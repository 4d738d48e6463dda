package shell

import "testing"

// FuzzScript: any text parses into a script or an error note, never a
// panic or a hang, and every command is located inside the text.
func FuzzScript(f *testing.F) {
	for _, s := range []string{
		"#!/bin/bash\nset -euo pipefail\ncurl -fsSL x | sudo bash -s\n",
		"bash <<A\nsh -c 'sh -c \"ls\"'\nA\n",
		"f() { $(echo $(date)); }; f | tee >(cat) &\n",
		"if ! a; then b; elif c; then d; else e; fi; while x; do y; done; case $a in b) c;; esac\n",
		"echo \"${A:-$(b)}\" > /dev/stdout 2>&1\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		r, notes := Script([]byte(src), Options{File: "f.sh", Line: 3})
		if r == nil {
			if len(notes) == 0 {
				t.Fatal("no script and no note")
			}
			return
		}
		lines := int32(1)
		for _, c := range src {
			if c == '\n' {
				lines++
			}
		}
		for _, c := range r.Attrs.Get("commands").List() {
			if l := c.Loc.Line; l < 3 || l > 3+lines {
				t.Fatalf("a command at line %d of a %d-line text starting at 3", l, lines)
			}
		}
	})
}
