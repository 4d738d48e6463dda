package shell

import (
	"strings"
	"testing"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// show writes a script's commands one per line: line, flags, argv (an
// unknown word as <expr>).
func show(r *infra.Resource) string {
	var b strings.Builder
	for _, c := range r.Attrs.Get("commands").List() {
		b.WriteString(strings.TrimPrefix(c.Loc.String(), c.Loc.File+":"))
		for _, f := range []string{"piped_from", "pipe_to", "cond"} {
			if on, _ := c.Field(f).Bool(); on {
				b.WriteString(" " + f)
			}
		}
		if d, _ := c.Field("depth").Number(); d > 0 {
			b.WriteString(" nested")
		}
		b.WriteString(":")
		for _, a := range c.Field("argv").List() {
			if s, ok := a.Str(); ok && a.IsKnown() {
				b.WriteString(" " + s)
			} else {
				b.WriteString(" <" + a.Expr() + ">")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestScript(t *testing.T) {
	src := "#!/usr/bin/env bash\n" +
		"set -euo pipefail\n" +
		"curl -fsSL https://example.com/install.sh | sudo bash\n" +
		"if ! id app; then useradd -r app; fi\n" +
		"apt-get install -y \"nginx=1.24.*\" $EXTRA\n" +
		"echo \"$(date) done\" && systemctl restart nginx || true\n" +
		"bash <<END\n" +
		"apt-get update\n" +
		"END\n" +
		"sh -c 'pip install requests'\n" +
		"f() { rm -rf /tmp/x; }\n"
	r, notes := Script([]byte(src), Options{File: "setup.sh", Line: 1, RunsIn: "file"})
	if len(notes) != 0 {
		t.Fatalf("notes: %v", notes)
	}
	want := "2: set -euo pipefail\n" +
		"3 pipe_to: curl -fsSL https://example.com/install.sh\n" +
		"3 piped_from: sudo bash\n" +
		"4 cond: id app\n" +
		"4: useradd -r app\n" +
		"5: apt-get install -y nginx=1.24.* <$EXTRA>\n" +
		"6 cond: echo <\"$(date) done\">\n" +
		"6 cond nested: date\n" +
		"6 cond: systemctl restart nginx\n" +
		"6: true\n" +
		"7: bash\n" +
		"8 nested: apt-get update\n" +
		"10: sh -c pip install requests\n" +
		"10 nested: pip install requests\n" +
		"11 nested: rm -rf /tmp/x\n"
	if got := show(r); got != want {
		t.Errorf("commands:\n%s\nwant:\n%s", got, want)
	}
	for attr, want := range map[string]string{"shell": "bash", "runs_in": "file"} {
		if got, _ := r.Attrs.Get(attr).Str(); got != want {
			t.Errorf("%s = %q, want %q", attr, got, want)
		}
	}
	if on, _ := r.Attrs.Get("errexit").Bool(); !on {
		t.Error("set -euo pipefail sets errexit")
	}
	if on, _ := r.Attrs.Get("pipefail").Bool(); !on {
		t.Error("set -euo pipefail sets pipefail")
	}
}

func TestErrexit(t *testing.T) {
	for src, want := range map[string]bool{
		"#!/bin/bash -e\nls\n":        true,
		"#!/bin/sh\nset -o errexit\n": true,
		"#!/bin/sh\nls\nset -e\n":     false, // ls ran unprotected
		"ls\n":                        false,
		"set -x\nset -e\nls\n":        true,
	} {
		r, _ := Script([]byte(src), Options{File: "s.sh"})
		if got, _ := r.Attrs.Get("errexit").Bool(); got != want {
			t.Errorf("%q: errexit %v, want %v", src, got, want)
		}
	}
	r, _ := Script([]byte("ls\n"), Options{File: "t.pkr.hcl", Line: 12, Errexit: true, RunsIn: "packer"})
	if got, _ := r.Attrs.Get("errexit").Bool(); !got {
		t.Error("a runner's errexit holds")
	}
	if l := r.Attrs.Get("commands").List()[0].Loc.Line; l != 12 {
		t.Errorf("the first command is at line %d of the host file, want 12", l)
	}
}

func TestParseError(t *testing.T) {
	_, notes := Script([]byte("echo ok\nif then fi (\n"), Options{File: "bad.sh", Line: 5})
	if len(notes) != 1 || notes[0].Kind != infra.NoteError || notes[0].Line < 5 {
		t.Errorf("notes: %v", notes)
	}
}

func TestTooDeep(t *testing.T) {
	deep := "echo ok\n" + strings.Repeat("$(", 600) + "x" + strings.Repeat(")", 600) + "\n"
	_, notes := Script([]byte(deep), Options{File: "deep.sh", Line: 10})
	if len(notes) != 1 || notes[0].Line != 11 || !strings.Contains(notes[0].Message, "nested more than") {
		t.Errorf("notes: %v", notes)
	}
	ifs := strings.Repeat("if true; then ", 600) + "ls" + strings.Repeat("; fi", 600) + "\n"
	if _, notes := Script([]byte(ifs), Options{File: "ifs.sh"}); len(notes) != 1 {
		t.Errorf("600 nested ifs: notes %v", notes)
	}
	// Brackets in quotes and comments do not count; real nesting is shallow.
	ok := "# ((((((\necho '((((' \"a\"\nif a; then (b; { c; }); fi\n"
	if r, notes := Script([]byte(ok), Options{File: "ok.sh"}); r == nil || len(notes) != 0 {
		t.Errorf("an ordinary script: notes %v", notes)
	}
}

func TestCommandCap(t *testing.T) {
	src := strings.Repeat("ls\n", maxCommands+5)
	r, notes := Script([]byte(src), Options{File: "long.sh"})
	if r == nil || r.Attrs.Get("commands").Len() != maxCommands {
		t.Fatalf("want the first %d commands", maxCommands)
	}
	if len(notes) != 1 || notes[0].Kind != infra.NoteCoverage || notes[0].Line != maxCommands+1 {
		t.Errorf("notes: %v", notes)
	}
}
