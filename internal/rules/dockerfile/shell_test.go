package dockerfile

import (
	"reflect"
	"strings"
	"testing"
)

// TestParseShell checks the commands read out of RUN scripts: quotes,
// comments, redirections, substitutions and pipes.
func TestParseShell(t *testing.T) {
	tests := []struct {
		script string
		want   []string // each command's argv joined by spaces; "|" marks a command piped into
	}{
		{`apt-get update && apt-get install -y curl`, []string{"apt-get update", "apt-get install -y curl"}},
		{`echo "a && b | c"; ls`, []string{"echo a && b | c", "ls"}},
		{`echo 'it''s' # apt-get install vim`, []string{"echo its"}},
		{`curl -fsSL x | sudo -E bash -s -- -v`, []string{"curl -fsSL x", "|bash -s -- -v"}},
		{`make 2>&1 > /tmp/log && cat < in.txt`, []string{"make", "cat"}},
		{`DEBIAN_FRONTEND=noninteractive apt-get install -y tzdata`, []string{"apt-get install -y tzdata"}},
		{`if [ -f x ]; then rm x; fi`, []string{"[ -f x ]", "rm x"}},
		{`for p in a b; do pip install $p; done`, []string{"pip install $p"}},
		{`(cd /src && make) || true`, []string{"cd /src", "make", "true"}},
		{`sh -c "$(curl -fsSL x)"`, []string{"sh -c $(curl -fsSL x)"}},
		{`cat <<EOF > /f && echo ok` + "\nhello | sh\nEOF\nls", []string{"cat", "echo ok", "ls"}},
		{"apt-get install \\\n  vim", []string{"apt-get install vim"}},
		{`test -f a |& tee log`, []string{"test -f a", "|tee log"}},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range parseShell(tt.script) {
			s := strings.Join(c.argv(), " ")
			if c.pipedFrom {
				s = "|" + s
			}
			got = append(got, s)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseShell(%q)\n got %q\nwant %q", tt.script, got, tt.want)
		}
	}
}

// TestShellScript checks that the script of sh -c is found, and only it.
func TestShellScript(t *testing.T) {
	tests := []struct {
		argv []string
		want string
		ok   bool
	}{
		{[]string{"sh", "-c", "a && b"}, "a && b", true},
		{[]string{"bash", "-euo", "pipefail", "-c", "x"}, "x", true}, // -o takes pipefail
		{[]string{"bash", "-euxo", "pipefail", "script.sh"}, "", false},
		{[]string{"bash", "-o", "pipefail", "-ec", "x"}, "x", true},
		{[]string{"sh", "script.sh"}, "", false},
		{[]string{"python", "-c", "x"}, "", false},
	}
	for _, tt := range tests {
		got, ok := shellScript(tt.argv)
		if got != tt.want || ok != tt.ok {
			t.Errorf("shellScript(%q) = %q, %v; want %q, %v", tt.argv, got, ok, tt.want, tt.ok)
		}
	}
}

// TestParseShellConditions checks which commands are a tested condition.
func TestParseShellConditions(t *testing.T) {
	var got []string
	for _, c := range parseShell(`if [ -f x ] && head -1 x | grep -q y; then cat x | wc -l; fi; ! a | b`) {
		if c.cond {
			got = append(got, c.prog())
		}
	}
	if want := []string{"[", "head", "grep", "a", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("conditions: got %q, want %q", got, want)
	}
}

// FuzzParseShell: the lexer must end on any input, with every command's
// words taken from the script (no runaway loop, no panic).
func FuzzParseShell(f *testing.F) {
	for _, s := range []string{
		"if [ `uname -m` = \"aarch64\" ]; then tar -xzf a.tgz; fi",
		"apt-get update && apt-get install -y --no-install-recommends curl=7.88 && rm -rf /var/lib/apt/lists/*",
		"curl -fsSL https://x.example/i.sh | bash -s -- -y",
		"cat <<-EOF > /etc/x\n\tline\n\tEOF\necho $(echo 'a)' \"b\") ${X:-y} <(ls) 2>&1 &> /dev/null",
		"`", "'", "\"", "$(", "${", "<<", "\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, c := range parseShell(s) {
			if len(c.argv()) > len(s)+1 {
				t.Fatalf("%q: a command with more words than the script has bytes", s)
			}
		}
	})
}
