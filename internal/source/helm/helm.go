// Package helm grades Helm charts by rendering them as `helm template`
// would, with Helm's own Go packages run in cmd/prodgrade-render: no helm
// binary, no cluster, no network. Each chart directory found (by its Chart.yaml) is one
// component, a Helm release; a chart inside another scanned chart's
// charts/ directory is rendered as a dependency of its parent, never on
// its own.
//
// A chart is read only through the scan's confine.Tree, here, and sent to
// the renderer, which reads no file: a symbolic link in a chart cannot
// make Helm read a file outside the scanned tree. Rendering follows
// `helm template`:
//
//   - values: the chart's values.yaml, then the Options.Values files in
//     order, then the Options.Set overrides in order (Helm's --set syntax);
//   - release name: Options.ReleaseName, or the chart's name; namespace:
//     Options.Namespace, or "default";
//   - capabilities: Helm's defaults; `lookup` finds nothing and
//     `getHostByName` returns "", so rendering never reaches a cluster or DNS;
//   - dependencies: those vendored in charts/ (directories or .tgz
//     archives), enabled or disabled by their conditions and tags, with
//     their aliases and import-values. One listed in Chart.yaml but not
//     vendored is a coverage note ("run helm dependency build"); the rest
//     is rendered without it;
//   - values.schema.json is not checked (a schema may name remote schemas,
//     and a scan never uses the network); crds/ are not rendered (`helm
//     template` leaves them out too); NOTES.txt is not a manifest;
//   - objects of helm test hooks (annotation helm.sh/hook: test) are left
//     out: `helm install` does not create them, `helm test` does.
//
// A template that fails to render is an error note at the template file
// and line Helm reports; the other templates are still rendered and
// graded. Values given at run time (Options.Values and Options.Set) may be
// secrets: a rendered string that contains one of them, as given or base64
// encoded, is marked hidden so no report prints it.
//
// Findings on rendered objects point at the template that wrote them; see
// lineMap for how lines are recovered and where that stops.
//
// Helm is heavy: its packages pull in much of client-go, whose
// initialisation alone would slow every prodgrade run down, charts or not.
// So this package imports no Helm package. It reads each chart's files
// and runs prodgrade-render (internal/source/helm/render) on them, once
// per chart, killed at the component time limit; it builds the component
// from what the renderer sends back (internal/source/helm/wire). The
// renderer is the file PRODGRADE_RENDER names, else prodgrade-render next
// to the running executable, else on PATH; without it no chart is graded
// and one coverage note says how to build it.
package helm

import "time"

// Options are what a user would give `helm template`, applied to every
// chart scanned (scan one chart to give values to just that chart). The
// command line builds them from --helm-values, --helm-set and the release
// flags; the zero value renders each chart with its own values.yaml.
type Options struct {
	// Values are values files (helm's --values/-f), merged in order over
	// each chart's values.yaml. They are the user's own files, read from
	// wherever they are, not through the scanned tree.
	Values []string
	// Set are NAME=VALUE overrides in helm's --set syntax (a.b=c,
	// list[0]=x, several pairs separated by commas), applied in order after
	// Values.
	Set []string
	// ReleaseName is the release's name; "" means the chart's name.
	ReleaseName string
	// Namespace is the release's namespace, that of every object that names
	// none; "" means "default".
	Namespace string
	// RenderTimeout bounds the rendering of one chart; 0 means
	// DefaultRenderTimeout. Charts render in well under a second, but a
	// template can loop for ever (range over a huge list, until with a
	// huge count), and Go templates cannot be interrupted: the renderer
	// process is killed instead.
	RenderTimeout time.Duration
}

// DefaultRenderTimeout is RenderTimeout when none is given.
const DefaultRenderTimeout = 20 * time.Second

// defaultNamespace is the namespace of a release when none is given, as
// for `helm template`.
const defaultNamespace = "default"
