package helm

import (
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/source/helm/wire"
	"github.com/prodgrade/prodgrade/internal/source/yaml"
)

// readUserValues reads the values files, for the renderer, and checks
// the options as far as can be done without Helm's packages: every values
// file is a YAML mapping, every override has a NAME before its "=". The
// renderer parses them as Helm does; what it refuses then (a --helm-set
// whose later pairs are malformed: "a=1,b") is an error note of each
// chart instead of a usage error. Its errors name the option and say what
// is wrong.
func readUserValues(o Options) ([]wire.ValuesFile, error) {
	var files []wire.ValuesFile
	for _, name := range o.Values {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("--helm-values %s: %s", name, confine.ErrText(err))
		}
		docs, err := yaml.Parse(name, data)
		if err == nil {
			for _, d := range docs {
				if k := d.Value.Kind(); k != infra.Object && k != infra.Null {
					err = fmt.Errorf("a document is a %s", k)
				}
			}
		}
		if err != nil {
			return nil, fmt.Errorf("--helm-values %s: %v; it must be a YAML mapping of values, as for helm -f", name, err)
		}
		files = append(files, wire.ValuesFile{Name: name, Data: data})
	}
	for _, s := range o.Set {
		if name, _, ok := strings.Cut(s, "="); !ok || strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("--helm-set %q: no NAME=VALUE; write NAME=VALUE as for helm --set", s)
		}
	}
	return files, nil
}

// validReleaseName is Helm's rule for a release name
// (chartutil.ValidateReleaseName), which prodgrade checks without Helm.
var validReleaseName = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`)

const maxReleaseNameLen = 53

func checkReleaseName(name string) error {
	if len(name) > maxReleaseNameLen || !validReleaseName.MatchString(name) {
		return fmt.Errorf("invalid release name, must match regex %s and the length must not be longer than %d", validReleaseName, maxReleaseNameLen)
	}
	return nil
}
