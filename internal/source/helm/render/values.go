package render

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"slices"

	"helm.sh/helm/v4/pkg/chart/v2/loader"
	"helm.sh/helm/v4/pkg/strvals"

	"github.com/prodgrade/prodgrade/internal/source/helm/wire"
)

// userValues are the values given at run time: the values files' text and
// the --set overrides, kept as given so that each render gets its own copy
// (Helm's merging and rendering may change the maps they are read into).
type userValues struct {
	files []wire.ValuesFile
	set   []string
	// given are the strings among them, with where each came from.
	given []wire.Given
}

// Where given values come from, for messages. (internal/source/helm
// prints them as the reason a value is hidden.)
const (
	fromValuesFile = "a --helm-values value"
	fromSet        = "a --helm-set value"
)

// minGiven is the shortest given string that hides what contains it:
// shorter ones would hide nearly every string, and are no secrets.
const minGiven = 3

// parseUserValues checks every values file and override as Helm reads
// them. Its errors name the option and say what is wrong.
func parseUserValues(files []wire.ValuesFile, set []string) (*userValues, error) {
	u := &userValues{files: files, set: set}
	for _, f := range files {
		m, err := loader.LoadValues(bytes.NewReader(f.Data))
		if err != nil {
			return nil, fmt.Errorf("--helm-values %s: %v; it must be a YAML mapping of values, as for helm -f", f.Name, err)
		}
		u.collect(m, fromValuesFile)
	}
	for _, s := range set {
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
		if len(v) >= minGiven && !slices.ContainsFunc(u.given, func(g wire.Given) bool { return g.Text == v }) {
			u.given = append(u.given, wire.Given{Text: v, From: from}, wire.Given{Text: base64.StdEncoding.EncodeToString([]byte(v)), From: from})
		}
	}
}

// build returns the user's values as `helm template` merges them: the
// files in order, then each override in order. Every call returns new maps.
func (u *userValues) build() (map[string]any, error) {
	base := map[string]any{}
	for _, f := range u.files {
		m, err := loader.LoadValues(bytes.NewReader(f.Data))
		if err != nil {
			return nil, fmt.Errorf("--helm-values %s: %v", f.Name, err)
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
