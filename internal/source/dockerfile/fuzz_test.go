package dockerfile

import "testing"

// FuzzParse looks for panics, and checks that every input ends in stages
// or notes: a file is never dropped in silence.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"# syntax=docker/dockerfile:1.7\nARG V=1\nFROM alpine:${V} AS a\nRUN <<EOF\necho hi\nEOF\nUSER 1000\n",
		"# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  c:\\\n",
		"FROM a AS b\nFROM b\nHEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1\nONBUILD RUN make\n",
		"FROM scratch\nCOPY --from=0 / /\nCMD [\"/app\"\n",
		"RUN <<000\xfa0\n",
		"ARG 0", // no FROM: an error note, not silence
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if stages, notes := Parse("Dockerfile", []byte(text)); len(stages) == 0 && len(notes) == 0 {
			t.Errorf("Parse(%q) gave neither stages nor notes", text)
		}
	})
}
