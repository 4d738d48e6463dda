package shell

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"io"
	"slices"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// userDataAttrs are where the instance kinds keep their user data (plain
// or base64), by Terraform's names, which the CloudFormation source maps
// onto too.
var userDataAttrs = map[string][]struct {
	attr    string
	encoded bool
}{
	"aws_instance":             {{"user_data", false}, {"user_data_base64", true}},
	"aws_launch_configuration": {{"user_data", false}, {"user_data_base64", true}},
	"aws_launch_template":      {{"user_data", true}},
}

// UserDataScripts makes a shell/Script of every user data among rs that is
// a shell script (a #! line naming a POSIX shell; cloud-config and
// PowerShell are not), with an edge from its instance or template, so the
// shell rules grade what a server runs at boot. Its commands are located
// at the user data attribute: the text may come from a file() or a
// template whose own lines the value does not keep.
func UserDataScripts(rs []*infra.Resource) []*infra.Resource {
	var out []*infra.Resource
	for _, r := range rs {
		for _, ud := range userDataAttrs[r.Kind] {
			v := r.Attrs.Get(ud.attr)
			text, ok := v.Str()
			if !ok || !v.IsKnown() || text == "" {
				continue
			}
			if ud.encoded {
				text = DecodeUserData(text)
			}
			prog, _ := shebang([]byte(text))
			if !isShell(prog) {
				continue
			}
			loc := r.LocOf(v)
			// Named as its instance (fixtures name the instance for the
			// result), addressed as the attribute.
			s, _ := Script([]byte(text), Options{File: loc.File, Line: loc.Line, Name: r.Name, RunsIn: "user_data", OneLine: true})
			if s == nil {
				continue // a script the shell cannot parse fails at boot; not this loader's to say
			}
			s.Address = r.Address + "." + ud.attr
			s.Origin, s.Module = r.Origin, r.Module
			if from := v.Hidden(); from != "" {
				// Text read by file() (or otherwise hidden) is never printed:
				// every word of it is hidden as the text is.
				cmds := s.Attrs.Get("commands").WithHidden(from)
				s.Attrs = infra.ObjectValue(append(slices.DeleteFunc(slices.Clone(s.Attrs.Fields()), func(f infra.Field) bool { return f.Name == "commands" }),
					infra.Field{Name: "commands", Value: cmds})).WithLoc(s.Attrs.Loc)
			}
			r.Refs = append(r.Refs, infra.Ref{Attr: ud.attr, To: s.Address})
			out = append(out, s)
		}
	}
	return out
}

// DecodeUserData reads base64 user data, gunzipped when it is gzip (as
// cloud-init takes it); text that is not base64 is returned as it is.
func DecodeUserData(s string) string {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		return s
	}
	if len(b) > 2 && b[0] == 0x1f && b[1] == 0x8b {
		if zr, err := gzip.NewReader(bytes.NewReader(b)); err == nil {
			if out, err := io.ReadAll(io.LimitReader(zr, 1<<20)); err == nil {
				return string(out)
			}
		}
	}
	return string(b)
}
