package helm

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"os"
	"slices"
	"strings"

	"helm.sh/helm/v4/pkg/chart/v2/loader"
	"helm.sh/helm/v4/pkg/strvals"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
)

// userValues are the values given at run time: the values files' text and
// the --set overrides, kept as given so that each chart gets its own copy
// (Helm's merging and rendering may change the maps they are read into).
type userValues struct {
	files []valuesFile
	set   []string
	// given are the strings among them, with where each came from: a
	// rendered string that contains one is hidden (see hide).
	given []givenString
}

type valuesFile struct {
	name string
	data []byte
}

type givenString struct {
	text, from string
}

// Where hidden values come from, for messages.
const (
	fromValuesFile = "a --helm-values value"
	fromSet        = "a --helm-set value"
)

// minGiven is the shortest given string that hides what contains it:
// shorter ones would hide nearly every string, and are no secrets.
const minGiven = 3

// readUserValues reads the values files and checks every override. Its
// errors name the option and say what is wrong.
func readUserValues(o Options) (*userValues, error) {
	u := &userValues{set: o.Set}
	for _, name := range o.Values {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("--helm-values %s: %s", name, confine.ErrText(err))
		}
		m, err := loader.LoadValues(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("--helm-values %s: %v; it must be a YAML mapping of values, as for helm -f", name, err)
		}
		u.files = append(u.files, valuesFile{name: name, data: data})
		u.collect(m, fromValuesFile)
	}
	for _, s := range o.Set {
		m, err := strvals.Parse(s)
		if err != nil {
			return nil, fmt.Errorf("--helm-set %q: %v; write NAME=VALUE as for helm --set", s, err)
		}
		u.collect(m, fromSet)
	}
	return u, nil
}

func (u *userValues) collect(v any, from string) {
	switch v := v.(type) {
	case map[string]any:
		for _, x := range v {
			u.collect(x, from)
		}
	case []any:
		for _, x := range v {
			u.collect(x, from)
		}
	case string:
		if len(v) >= minGiven && !slices.ContainsFunc(u.given, func(g givenString) bool { return g.text == v }) {
			u.given = append(u.given, givenString{v, from}, givenString{base64.StdEncoding.EncodeToString([]byte(v)), from})
		}
	}
}

// build returns the user's values as `helm template` merges them: the
// files in order, then each override in order. Every call returns new maps.
func (u *userValues) build() (map[string]any, error) {
	base := map[string]any{}
	for _, f := range u.files {
		m, err := loader.LoadValues(bytes.NewReader(f.data))
		if err != nil {
			return nil, fmt.Errorf("--helm-values %s: %v", f.name, err)
		}
		base = loader.MergeMaps(base, m)
	}
	for _, s := range u.set {
		if err := strvals.ParseInto(s, base); err != nil {
			return nil, fmt.Errorf("--helm-set %q: %v", s, err)
		}
	}
	return base, nil
}

// hide marks a rendered string that contains a value given at run time as
// hidden and external: it may be a secret passed on the command line, and
// it is not a literal written in the chart. Run-time values reach the
// output through any template function, so this is a containment test on
// the text (as given, or base64 encoded as Secret data is), not a trace.
func (u *userValues) hide(v infra.Value) infra.Value {
	s, ok := v.Str()
	if !ok || v.Kind() != infra.String {
		return v
	}
	for _, g := range u.given {
		if strings.Contains(s, g.text) {
			return v.WithHidden(g.from).WithExternal(true)
		}
	}
	return v
}
