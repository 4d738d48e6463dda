package dockerfile

import (
	"path"
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/shellword"
	"github.com/prodgrade/prodgrade/internal/source/compose"
	df "github.com/prodgrade/prodgrade/internal/source/dockerfile"
)

// fileStages are the stages of the Dockerfile r belongs to, in order.
func fileStages(g *infra.Graph, r *infra.Resource) []*infra.Resource {
	file := str(r.Attrs.Get("file"))
	var out []*infra.Resource
	for _, s := range g.OfKind(df.KindStage) {
		if str(s.Attrs.Get("file")) == file {
			out = append(out, s)
		}
	}
	// OfKind keeps load order, which is the file's order; sort by index
	// anyway, as everything after depends on it.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && stageIndex(out[j]) < stageIndex(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func stageIndex(r *infra.Resource) int {
	n, _ := r.Attrs.Get("index").Number()
	return int(n)
}

// baseOf is the earlier stage r is built on (FROM build), or nil when it
// is built on an image. A FROM whose build arguments expand to a stage's
// name (FROM build-${VARIANT} with ARG VARIANT=alpine) names that stage,
// as BuildKit resolves it.
func baseOf(g *infra.Graph, r *infra.Resource) *infra.Resource {
	name := str(r.Attrs.Get("base_stage"))
	if name == "" {
		name = str(r.Attrs.Get("image"))
	}
	if name == "" {
		return nil
	}
	idx := stageIndex(r)
	for _, s := range fileStages(g, r) {
		if stageIndex(s) < idx && s.Name == strings.ToLower(name) {
			return s
		}
	}
	return nil
}

// mayNameStage reports a FROM whose build variables are unknown but whose
// written part matches an earlier stage's name (FROM binaries-$TARGETOS
// and a stage binaries-linux): it most likely picks one of the stages.
func mayNameStage(g *infra.Graph, r *infra.Resource, from string) bool {
	var pat strings.Builder
	pat.WriteString("^")
	literal := 0
	for i := 0; i < len(from); i++ {
		if from[i] != '$' {
			pat.WriteString(regexp.QuoteMeta(from[i : i+1]))
			literal++
			continue
		}
		// Skip the reference: ${…} or $NAME.
		if i+1 < len(from) && from[i+1] == '{' {
			if end := strings.IndexByte(from[i:], '}'); end > 0 {
				i += end
			}
		} else {
			for i+1 < len(from) && (from[i+1] == '_' || isAlnum(from[i+1])) {
				i++
			}
		}
		pat.WriteString(".*")
	}
	pat.WriteString("$")
	re, err := regexp.Compile("(?i)" + pat.String())
	if err != nil || literal == 0 || strings.ContainsAny(from, ":@/") {
		return false // FROM $BASE, or an image reference
	}
	idx := stageIndex(r)
	for _, s := range fileStages(g, r) {
		if n := str(s.Attrs.Get("name")); n != "" && stageIndex(s) < idx && re.MatchString(n) {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// chain is r and the stages it is built on, r first: everything in r's
// file system and image config comes from one of them (or the base image).
func chain(g *infra.Graph, r *infra.Resource) []*infra.Resource {
	out := []*infra.Resource{r}
	for b := baseOf(g, r); b != nil && len(out) < 64; b = baseOf(g, b) {
		out = append(out, b)
	}
	return out
}

// builtBy are the Compose services that build stage r.
func builtBy(g *infra.Graph, r *infra.Resource) []*infra.Resource {
	return g.Referrers(r, compose.KindService, "build")
}

// shipped reports a stage whose file system ends up in an image that is
// run: the final stage, a stage a Compose service builds, or a stage one
// of those is built on. A stage that only feeds COPY --from is not: what it
// leaves behind (package caches, apt lists) never reaches an image.
func shipped(c *rules.Check) bool {
	for _, s := range fileStages(c.Graph, c.R) {
		final, _ := s.Attrs.Get("final").Bool()
		if !final && len(builtBy(c.Graph, s)) == 0 {
			continue
		}
		for _, x := range chain(c.Graph, s) {
			if x == c.R {
				return true
			}
		}
	}
	return false
}

// run is a RUN instruction with the commands it runs.
type run struct {
	instr
	// cmds are its simple commands, those of sh -c scripts and of
	// here-documents run by a shell included.
	cmds []shellCmd
	// flags are the RUN's flags (--mount=…).
	flags []string
	// shell is the SHELL it runs under, nil for the default /bin/sh -c.
	shell []string
}

// runs lists the RUN instructions of stage r with the commands they run.
// A shell-form RUN under a SHELL that is not a POSIX shell (PowerShell,
// cmd) is left out: its script is not sh and cannot be read as such.
func runs(g *infra.Graph, r *infra.Resource) []run {
	var out []run
	shell := inheritedShell(g, r)
	for _, in := range instructions(r) {
		switch in.cmd {
		case "SHELL":
			shell = words(in.v.Get("args"))
		case "RUN":
			ru := run{instr: in, flags: words(in.v.Get("flags")), shell: shell}
			args := words(in.v.Get("args"))
			if b, _ := in.v.Get("exec_form").Bool(); b {
				ru.cmds = expandScripts([]shellCmd{{words: args, raw: args}}, nil, 0)
			} else {
				if !posixShell(shell) {
					continue
				}
				docs := map[string]string{}
				for _, h := range in.v.Get("heredocs").List() {
					docs[str(h.Get("name"))] = str(h.Get("content"))
				}
				ru.cmds = expandScripts(parseShell(strings.Join(args, " ")), docs, 0)
			}
			out = append(out, ru)
		}
	}
	return out
}

// inheritedShell is the SHELL a stage starts with: the last one set in the
// stages it is built on, nil for the default /bin/sh -c. On a Windows base
// image the default is cmd /S /C, whose scripts are not sh.
func inheritedShell(g *infra.Graph, r *infra.Resource) []string {
	ch := chain(g, r)
	for _, s := range ch[1:] {
		ins := instructions(s)
		for i := len(ins) - 1; i >= 0; i-- {
			if ins[i].cmd == "SHELL" {
				return words(ins[i].v.Get("args"))
			}
		}
	}
	root := ch[len(ch)-1]
	img := strings.ToLower(str(root.Attrs.Get("from")))
	platform := strings.ToLower(str(root.Attrs.Get("platform")))
	if strings.HasPrefix(platform, "windows") || strings.Contains(img, "windows") ||
		strings.Contains(img, "nanoserver") || strings.Contains(img, "servercore") {
		return []string{"cmd", "/S", "/C"}
	}
	return nil
}

// posixShell reports a SHELL whose scripts are sh scripts; nil is the
// default, /bin/sh -c.
func posixShell(shell []string) bool {
	if len(shell) == 0 {
		return true
	}
	return shellword.PosixShells[path.Base(shell[0])]
}

// expandScripts adds to cmds the commands of the scripts they run: the
// script of sh -c "…", and a here-document a shell reads (RUN <<EOF, RUN
// bash <<EOF). A here-document that is data (cat <<EOF > file, python
// <<EOF) is not read.
func expandScripts(cmds []shellCmd, docs map[string]string, depth int) []shellCmd {
	if depth > 3 {
		return cmds
	}
	var out []shellCmd
	for _, c := range cmds {
		if len(c.words) > 0 {
			out = append(out, c)
		}
		argv := c.argv()
		if s, ok := shellScript(argv); ok {
			out = append(out, expandScripts(nested(parseShell(s), depth+1), nil, depth+1)...)
			continue
		}
		if len(c.heredocs) == 0 || len(argv) > 0 && !shellword.ReadsScriptFromStdin(argv) {
			continue
		}
		for _, h := range c.heredocs {
			body, ok := docs[h]
			if !ok || !shellShebang(body) {
				continue
			}
			out = append(out, expandScripts(nested(parseShell(body), depth+1), nil, depth+1)...)
		}
	}
	return out
}

// nested marks commands as those of a script run at depth.
func nested(cmds []shellCmd, depth int) []shellCmd {
	for i := range cmds {
		cmds[i].depth = depth
	}
	return cmds
}

// shellShebang reports a script that runs with sh: no #! line, or one
// naming a POSIX shell.
func shellShebang(body string) bool {
	line, _, _ := strings.Cut(body, "\n")
	if !strings.HasPrefix(line, "#!") {
		return true
	}
	f := strings.Fields(strings.TrimPrefix(line, "#!"))
	if len(f) == 0 {
		return true
	}
	prog := path.Base(f[0])
	if prog == "env" && len(f) > 1 {
		prog = path.Base(f[len(f)-1])
		for _, w := range f[1:] {
			if !strings.HasPrefix(w, "-") {
				prog = path.Base(w)
				break
			}
		}
	}
	return shellword.PosixShells[prog]
}

// words reads a list of strings.
func words(v infra.Value) []string {
	var out []string
	for _, e := range v.List() {
		out = append(out, str(e))
	}
	return out
}

// variable is what a build variable holds at some instruction.
type variable struct {
	value string
	known bool
	env   bool // set by ENV, which an ARG of the same name does not override
}

// stageVars are the ARG defaults and ENV values in effect before
// instruction upto of stage r (all of them when upto < 0), including those
// of the stages it is built on. An ARG without a default takes its value
// from the build (or a global ARG this view does not hold), so it is
// unknown.
func stageVars(g *infra.Graph, r *infra.Resource, upto int) map[string]variable {
	vars := map[string]variable{}
	ch := chain(g, r)
	for i := len(ch) - 1; i >= 0; i-- {
		limit := -1
		if i == 0 {
			limit = upto
		}
		for j, in := range instructions(ch[i]) {
			if limit >= 0 && j >= limit {
				break
			}
			switch in.cmd {
			case "ARG":
				for _, w := range words(in.v.Get("args")) {
					name, def, hasDef := strings.Cut(w, "=")
					if v, ok := vars[name]; ok && v.env {
						continue
					}
					if !hasDef {
						vars[name] = variable{}
						continue
					}
					val, ok := expandVars(unquote(def), vars)
					vars[name] = variable{value: val, known: ok}
				}
			case "ENV":
				a := words(in.v.Get("args"))
				for k := 0; k+1 < len(a); k += 3 {
					val, ok := expandVars(unquote(a[k+1]), vars)
					vars[a[k]] = variable{value: val, known: ok, env: true}
				}
			}
		}
	}
	return vars
}

// unquote removes one pair of quotes around a Dockerfile value.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// expandVars replaces $NAME and ${NAME} (and ${NAME:-default}) as the
// Dockerfile does. It reports false when a variable's value is not known:
// an ARG given at build time, or a variable the base image may set.
func expandVars(s string, vars map[string]variable) (string, bool) {
	if !strings.Contains(s, "$") {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && s[i+1] == '$' {
			b.WriteByte('$')
			i++
			continue
		}
		if c != '$' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		var name, def string
		hasDef := false
		if s[i+1] == '{' {
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				return "", false
			}
			inner := s[i+2 : i+end]
			i += end
			if n, d, ok := strings.Cut(inner, ":-"); ok {
				name, def, hasDef = n, d, true
			} else if n, d, ok := strings.Cut(inner, "-"); ok {
				name, def, hasDef = n, d, true
			} else {
				name = inner
			}
		} else {
			j := i + 1
			for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || j > i+1 && s[j] >= '0' && s[j] <= '9') {
				j++
			}
			if j == i+1 {
				b.WriteByte(c)
				continue
			}
			name = s[i+1 : j]
			i = j - 1
		}
		v, set := vars[name]
		switch {
		case set && v.known && (v.value != "" || !hasDef):
			b.WriteString(v.value)
		case set && !v.known:
			return "", false
		case hasDef:
			b.WriteString(def)
		default:
			return "", false
		}
	}
	return b.String(), true
}

// unknownWord records that a rule needs the value of a word that is not
// known before the build (a build variable, a command substitution). what
// names it in the message ("WORKDIR ${DIR}").
func unknownWord(c *rules.Check, what, word, why string, loc infra.Location) {
	if r := []rune(what); len(r) > 60 {
		what = string(r[:60]) + "…"
	}
	c.Unknown(what, infra.UnknownValue(word, why).WithLoc(loc))
}

// imageCommand is what a container of the image runs: the entrypoint: or
// command: of a Compose service that runs it, else the ENTRYPOINT, else
// the CMD (its own or inherited from a stage it is built on); nil when
// none is written (the base image's applies). For sh -c "…" it is the
// script's first command.
func imageCommand(c *rules.Check) []string {
	var argv []string
	for _, svc := range builders(c) {
		for _, a := range []string{"entrypoint", "command"} {
			if v := words(svc.Attrs.Get(a)); len(v) > 0 && argv == nil {
				argv = v
			}
		}
	}
	if argv == nil {
		for _, kind := range []string{"ENTRYPOINT", "CMD"} {
			if in, _, ok := effective(c, kind); ok {
				argv = commandWords(in)
				break
			}
		}
	}
	if s, ok := shellScript(argv); ok {
		if cmds := parseShell(s); len(cmds) > 0 {
			return cmds[0].argv()
		}
	}
	return argv
}

// commandWords are the words of a CMD or ENTRYPOINT: the JSON array, or
// the first command of the shell form.
func commandWords(in instr) []string {
	args := words(in.v.Get("args"))
	if b, _ := in.v.Get("exec_form").Bool(); b {
		return args
	}
	if cmds := parseShell(strings.Join(args, " ")); len(cmds) > 0 {
		return cmds[0].argv()
	}
	return nil
}

// buildOrShell reports a container command that is an interactive shell
// or a build tool (make, go, mvn, dotnet build): the image is a build or
// development environment, not a service.
func buildOrShell(argv []string) bool {
	if len(argv) == 0 {
		return false
	}
	switch prog := path.Base(argv[0]); prog {
	case "sh", "bash", "dash", "ash", "zsh", "ksh",
		"make", "go", "mvn", "mvnw", "gradle", "gradlew", "cargo", "rustc", "cmake", "bazel", "bazelisk":
		return true
	case "dotnet":
		return len(argv) > 1 && contains([]string{"build", "run", "test", "watch", "publish"}, argv[1])
	}
	return false
}
