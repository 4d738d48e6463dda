// Package wire is what prodgrade and prodgrade-render say to each other:
// one Request on the renderer's standard input, one Response on its
// standard output, both JSON. It imports no Helm package, so that both
// sides can use it.
package wire

// Version is the protocol's version. A renderer refuses a request of
// another version, so that a prodgrade-render left over from another
// build of prodgrade says so instead of rendering wrongly.
const Version = 1

// Request asks for one chart to be rendered as one release.
type Request struct {
	Version int
	// Dir is the chart's directory as prodgrade names it, for messages
	// only: every path of the request and of the response is relative to it.
	Dir string
	// Files are every file and directory of the chart's directory, its
	// charts/ included, read by prodgrade through the scanned tree (the
	// renderer reads no file itself). Paths are slash-separated and
	// relative to the chart's directory; "." is the directory itself.
	Files []File
	// Values are the user's values files (--helm-values), in order.
	Values []ValuesFile
	// Set are the --helm-set overrides, in order.
	Set []string
	// ReleaseName and Namespace are the release's; "" for the defaults.
	ReleaseName, Namespace string
}

// File is one entry of the chart's directory.
type File struct {
	Path string
	Dir  bool   `json:",omitempty"`
	Data []byte `json:",omitempty"`
	// StatErr says why the entry could not be examined; ReadErr why a file
	// could not be read or a directory listed. They become notes if Helm
	// would have read the entry (one .helmignore leaves out is not).
	StatErr string `json:",omitempty"`
	ReadErr string `json:",omitempty"`
}

// ValuesFile is one values file given by the user: its name, for
// messages, and its text.
type ValuesFile struct {
	Name string
	Data []byte
}

// Response is what rendering the chart gave.
type Response struct {
	// Rendered is false when the chart was not rendered (a library chart,
	// or an error that Notes tell).
	Rendered bool
	// Release and Namespace are the release's name and namespace.
	Release, Namespace string
	// Templates are the templates that rendered something, by name, less
	// NOTES.txt.
	Templates []Template
	// Given are the strings of the user's values (as given and base64
	// encoded), with where each came from: a rendered string that contains
	// one may be a secret.
	Given []Given
	Notes []Note
}

// Template is one rendered template.
type Template struct {
	// Name is Helm's name for it ("web/templates/deployment.yaml").
	Name string
	// File is where it is, relative to the chart's directory: a path, or
	// inside a dependency's archive ("charts/cache-0.3.2.tgz!/templates/x.yaml").
	File string
	// Source is the template's text, Rendered what it rendered.
	Source, Rendered string
}

// Given is one string the user gave in values.
type Given struct {
	Text, From string
}

// Note is what Helm reported, as an infra.Note; File is relative to the
// chart's directory, or "" for the user's options.
type Note struct {
	Kind, File string
	Line       int `json:",omitempty"`
	Message    string
}
