// Package dockerfile reads Dockerfiles with BuildKit's own parser into one
// resource per build stage. The compose format loads them, because a
// Dockerfile is graded with the Compose services it builds, or on its own
// when none does; this package only turns text into resources.
//
// A stage (kind "dockerfile/Stage") has these attributes, each located at
// the line that wrote it:
//
//	file          the Dockerfile's path
//	index         0 for the first stage
//	name          the stage's name (FROM … AS name), null when unnamed
//	final         true for the last stage, the one an image is built from
//	              unless a build names another target
//	from          the base as written ("golang:${GO}-alpine", "build")
//	image         the base with ARG defaults expanded; unknown when an ARG
//	              has no default; null when the base is an earlier stage
//	base_stage    the earlier stage the base names, null otherwise
//	platform      FROM --platform, null when absent
//	syntax        the "# syntax=" directive, null when absent
//	instructions  every instruction after FROM: {cmd ("RUN", upper case),
//	              args (the words after the keyword, as the parser splits
//	              them), original (the instruction as written, continuation
//	              lines joined), flags (["--chown=app", …]), exec_form (JSON
//	              array form), heredocs ([{name, content}])}
//	user          the last USER of the stage or, when it has none, of the
//	              stage it is built on; null when neither sets one (the
//	              base image's user applies, which is not known here)
//	healthcheck   the last HEALTHCHECK, inherited the same way, as an
//	              instruction object
package dockerfile

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// KindStage is the kind of a Dockerfile build stage.
const KindStage = "dockerfile/Stage"

// IsDockerfile reports a file name Docker builds from by convention:
// Dockerfile, Containerfile, Dockerfile.<variant>, <variant>.Dockerfile.
func IsDockerfile(name string) bool {
	base := filepath.Base(name)
	lower := strings.ToLower(base)
	return lower == "dockerfile" || lower == "containerfile" ||
		strings.HasPrefix(lower, "dockerfile.") || strings.HasSuffix(lower, ".dockerfile")
}

// Parse reads one Dockerfile into its stages. A file BuildKit refuses (an
// unknown instruction, an unterminated heredoc, no FROM) gives an error
// note at its line and no stages.
func Parse(name string, data []byte) ([]*infra.Resource, []infra.Note) {
	// The parser's word splitter prints to stderr on invalid UTF-8 and
	// NUL bytes; neither belongs in a Dockerfile.
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return nil, []infra.Note{{Kind: infra.NoteError, File: name, Message: "not a text file: it holds invalid UTF-8 or NUL bytes"}}
	}
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, []infra.Note{errorNote(name, err)}
	}
	// The typed pass finds what the parser lets through: unknown
	// instructions, bad flags, a missing FROM.
	if _, _, err := instructions.Parse(res.AST, nil); err != nil {
		return nil, []infra.Note{errorNote(name, err)}
	}
	syntax, _, _, _ := parser.DetectSyntax(data)
	out := stages(name, res, syntax)
	if len(out) == 0 {
		return nil, []infra.Note{{Kind: infra.NoteError, File: name, Line: 1, Message: "the Dockerfile has no FROM instruction, so it builds nothing"}}
	}
	return out, nil
}

// errorNote turns a parser error into an input error at its line.
func errorNote(name string, err error) infra.Note {
	n := infra.Note{Kind: infra.NoteError, File: name, Message: err.Error()}
	var le *parser.LocationError
	if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		n.Line = le.Locations[0][0].Start.Line
	}
	n.Message = strings.TrimPrefix(n.Message, fmt.Sprintf("dockerfile parse error on line %d: ", n.Line))
	return n
}

// stages splits the instructions at each FROM.
func stages(name string, res *parser.Result, syntax string) []*infra.Resource {
	lex := shell.NewLex(res.EscapeToken)
	lex.SkipUnsetEnv = true
	var globalArgs []string // KEY=default of the ARGs before the first FROM
	var out []*infra.Resource
	var cur *stageBuilder
	for _, n := range res.AST.Children {
		if strings.EqualFold(n.Value, "from") {
			if cur != nil {
				out = append(out, cur.resource(false))
			}
			cur = newStage(name, len(out), n, lex, globalArgs, out, syntax)
			continue
		}
		if cur == nil {
			if strings.EqualFold(n.Value, "arg") {
				globalArgs = append(globalArgs, argDefaults(n)...)
			}
			continue
		}
		cur.add(n)
	}
	if cur != nil {
		out = append(out, cur.resource(true))
	}
	return out
}

// stageBuilder collects one stage's attributes while its instructions are read.
type stageBuilder struct {
	file, name     string
	index          int
	loc            infra.Location
	fields         []infra.Field
	instrs         []infra.Value
	user, health   infra.Value
	inheritedUser  infra.Value
	inheritedCheck infra.Value
	// labels are the stage's LABELs, the last value of each key.
	labels []infra.Field
}

func newStage(file string, index int, n *parser.Node, lex *shell.Lex, globalArgs []string, earlier []*infra.Resource, syntax string) *stageBuilder {
	loc := lineLoc(file, n)
	words := args(n)
	s := &stageBuilder{file: file, index: index, loc: loc}
	from := ""
	if len(words) > 0 {
		from = words[0]
	}
	nameV := infra.NullValue()
	if len(words) == 3 && strings.EqualFold(words[1], "as") {
		s.name = strings.ToLower(words[2])
		nameV = infra.StringValue(s.name).WithLoc(loc)
	}
	// FROM names an earlier stage by its AS name, after build arguments
	// are expanded (FROM build-${VARIANT}), as BuildKit resolves it.
	image, base := expand(lex, from, globalArgs).WithLoc(loc), infra.NullValue()
	if expanded, known := image.Str(); known && image.IsKnown() {
		for _, e := range earlier {
			if n, _ := e.Attrs.Field("name").Str(); n != "" && strings.EqualFold(n, expanded) {
				base, image = infra.StringValue(n).WithLoc(loc), infra.NullValue()
				s.inheritedUser = e.Attrs.Field("user")
				s.inheritedCheck = e.Attrs.Field("healthcheck")
			}
		}
	}
	platform := infra.NullValue()
	for _, f := range n.Flags {
		if p, ok := strings.CutPrefix(f, "--platform="); ok {
			platform = infra.StringValue(p).WithLoc(loc)
		}
	}
	syn := infra.NullValue()
	if syntax != "" {
		syn = infra.StringValue(syntax)
	}
	s.fields = []infra.Field{
		{Name: "file", Value: infra.StringValue(file).WithLoc(loc)},
		{Name: "index", Value: infra.NumberValue(float64(index)).WithLoc(loc)},
		{Name: "name", Value: nameV},
		{Name: "from", Value: infra.StringValue(from).WithLoc(loc)},
		{Name: "image", Value: image},
		{Name: "base_stage", Value: base},
		{Name: "platform", Value: platform},
		{Name: "syntax", Value: syn},
	}
	return s
}

// expand resolves ARG references in a FROM line with the defaults of the
// ARGs declared before the first FROM; an ARG without a value leaves the
// image unknown.
func expand(lex *shell.Lex, word string, env []string) infra.Value {
	if !strings.Contains(word, "$") {
		return infra.StringValue(word)
	}
	r, err := lex.ProcessWordWithMatches(word, shell.EnvsFromSlice(env))
	if err != nil || strings.Contains(r.Result, "$") {
		return infra.UnknownValue(word, "a build argument with no default; its value is given when the image is built")
	}
	return infra.StringValue(r.Result)
}

// argDefaults reads "ARG A=1 B" into ["A=1"]: only ARGs with a default
// can expand anything.
func argDefaults(n *parser.Node) []string {
	var out []string
	for _, w := range args(n) {
		if k, v, ok := strings.Cut(w, "="); ok && k != "" {
			out = append(out, k+"="+strings.Trim(v, `"'`))
		}
	}
	return out
}

func (s *stageBuilder) add(n *parser.Node) {
	v := instruction(s.file, n)
	s.instrs = append(s.instrs, v)
	switch strings.ToUpper(n.Value) {
	case "USER":
		if u := args(n); len(u) > 0 {
			s.user = infra.StringValue(u[0]).WithLoc(v.Loc)
		}
	case "HEALTHCHECK":
		s.health = v
	case "LABEL":
		// The parser gives key, value and separator for each pair.
		a := args(n)
		for i := 0; i+1 < len(a); i += 3 {
			val := infra.StringValue(strings.Trim(a[i+1], `"'`)).WithLoc(v.Loc)
			if strings.Contains(a[i+1], "$") {
				val = infra.UnknownValue(a[i+1], "the label uses a build variable, known only when the image is built").WithLoc(v.Loc)
			}
			s.labels = slices.DeleteFunc(s.labels, func(f infra.Field) bool { return f.Name == a[i] })
			s.labels = append(s.labels, infra.Field{Name: a[i], Value: val})
		}
	}
}

func (s *stageBuilder) resource(final bool) *infra.Resource {
	user, health := s.user, s.health
	if user.IsNull() {
		user = s.inheritedUser
	}
	if health.IsNull() {
		health = s.inheritedCheck
	}
	fields := append(s.fields,
		infra.Field{Name: "final", Value: infra.BoolValue(final).WithLoc(s.loc)},
		infra.Field{Name: "instructions", Value: infra.ListValue(s.instrs).WithLoc(s.loc)},
		infra.Field{Name: "user", Value: user},
		infra.Field{Name: "healthcheck", Value: health},
		infra.Field{Name: "labels", Value: infra.ObjectValue(slices.Clone(s.labels)).WithLoc(s.loc)},
	)
	name := s.name
	if name == "" {
		name = fmt.Sprintf("stage-%d", s.index)
	}
	return &infra.Resource{
		Kind:    KindStage,
		Address: s.file + "#" + name,
		Name:    name,
		Attrs:   infra.ObjectValue(fields).WithLoc(s.loc),
		Loc:     s.loc,
		Origin:  "dockerfile",
	}
}

// instruction is one instruction as a value (see the package comment).
func instruction(file string, n *parser.Node) infra.Value {
	loc := lineLoc(file, n)
	str := func(s string) infra.Value { return infra.StringValue(s).WithLoc(loc) }
	words := args(n)
	list := func(ss []string) infra.Value {
		items := make([]infra.Value, len(ss))
		for i, s := range ss {
			items[i] = str(s)
		}
		return infra.ListValue(items).WithLoc(loc)
	}
	var docs []infra.Value
	for _, h := range n.Heredocs {
		docs = append(docs, infra.ObjectValue([]infra.Field{
			{Name: "name", Value: str(h.Name)},
			{Name: "content", Value: str(h.Content)},
		}).WithLoc(loc))
	}
	return infra.ObjectValue([]infra.Field{
		{Name: "cmd", Value: str(strings.ToUpper(n.Value))},
		{Name: "args", Value: list(words)},
		{Name: "original", Value: str(n.Original)},
		{Name: "flags", Value: list(n.Flags)},
		{Name: "exec_form", Value: infra.BoolValue(n.Attributes["json"]).WithLoc(loc)},
		{Name: "heredocs", Value: infra.ListValue(docs).WithLoc(loc)},
	}).WithLoc(loc)
}

// args are the words after an instruction's keyword. HEALTHCHECK and
// ONBUILD keep theirs in a nested instruction, whose keyword comes first.
func args(n *parser.Node) []string {
	var out []string
	for c := n.Next; c != nil; c = c.Next {
		out = append(out, c.Value)
		for _, ch := range c.Children {
			out = append(out, ch.Value)
			out = append(out, args(ch)...)
		}
	}
	return out
}

func lineLoc(file string, n *parser.Node) infra.Location {
	return infra.Location{File: file, Pos: infra.Pos{Line: int32(n.StartLine), Col: 1}}
}
