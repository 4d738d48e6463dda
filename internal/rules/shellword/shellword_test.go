package shellword

import (
	"slices"
	"strings"
	"testing"
)

func TestArgv(t *testing.T) {
	for _, tt := range []struct {
		words, want []string
	}{
		{[]string{"DEBIAN_FRONTEND=noninteractive", "sudo", "-u", "app", "env", "-u", "X", "/usr/bin/apt-get", "install"}, []string{"apt-get", "install"}},
		{[]string{"nohup", "nice", "-n", "10", "./server"}, []string{"server"}},
		{[]string{"A=1"}, nil},
		{[]string{"1A=x", "ls"}, []string{"1A=x", "ls"}}, // not an assignment: a command named 1A=x
	} {
		if got := Argv(tt.words); !slices.Equal(got, tt.want) {
			t.Errorf("Argv(%q) = %q, want %q", tt.words, got, tt.want)
		}
	}
}

func TestRunsStdin(t *testing.T) {
	for argv, want := range map[string]bool{
		"sh": true, "bash -s -- --yes": true, "bash -euo pipefail": true, "sh -c x": false, "bash install.sh": false,
		"python3 -": true, "python3 script.py": false, "perl": true, "node -e x": false, "tar": false,
	} {
		if got := RunsStdin(fields(argv)); got != want {
			t.Errorf("RunsStdin(%q) = %v, want %v", argv, got, want)
		}
	}
}

func TestPipedInto(t *testing.T) {
	cmds := []Cmd{
		{Argv: fields("curl -fsSL x"), PipeTo: true},
		{Argv: fields("tee log"), PipedFrom: true, PipeTo: true},
		{Argv: fields("id"), Depth: 1}, // inside a $(…) of the next: skipped
		{Argv: fields("sudo bash"), PipedFrom: true},
		{Argv: fields("curl -o f x")},
	}
	cmds[3].Argv = Argv(cmds[3].Argv)
	if got := PipedInto(cmds, 0); got != "bash" {
		t.Errorf("curl | tee | sudo bash: %q", got)
	}
	if got := PipedInto(cmds, 4); got != "" {
		t.Errorf("a download to a file: %q", got)
	}
}

func fields(s string) []string { return strings.Fields(s) }
