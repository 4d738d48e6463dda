package kustomize

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prodgrade/prodgrade/internal/confine"
	"github.com/prodgrade/prodgrade/internal/infra"
	pyaml "github.com/prodgrade/prodgrade/internal/source/yaml"
)

// Build metadata options that make kustomize annotate where each object
// came from and which kustomizations transformed it (see positions.go).
const (
	originAnnotations      = "originAnnotations"
	transformerAnnotations = "transformerAnnotations"
)

// sanitizer rewrites one kustomization file before kustomize reads it.
// Kustomize would fetch remote bases and files (git clone, HTTP), run helm
// for helmCharts, and keep a custom OpenAPI schema in process-wide state
// that every build running at the same time would share. A scan does none
// of these, so each is taken out of the file with a note saying what is
// graded without it. Paths that lead outside the scanned tree are left in
// (kustomize then cannot read them) but noted here, at their line. The
// root kustomization also gets buildMetadata [originAnnotations,
// transformerAnnotations].
type sanitizer struct {
	fs   *treeFS
	file string // the file as the user would write it
	dir  string // its real directory
	root bool   // the kustomization being built, not one of its bases

	notes []infra.Note
	// explained is set when a note says why the build cannot succeed.
	explained bool
}

func (s *sanitizer) note(kind string, line int, format string, args ...any) {
	s.notes = append(s.notes, infra.Note{Kind: kind, File: s.file, Line: line, Message: fmt.Sprintf(format, args...)})
	if kind == infra.NoteError {
		s.explained = true
	}
}

// sanitize returns the kustomization as kustomize may read it. A file that
// is not YAML is an error at its line.
func (s *sanitizer) sanitize(src []byte) ([]byte, error) {
	docs, err := decodeNodes(src)
	if err != nil {
		line, msg := 0, err.Error()
		if _, perr := pyaml.Parse(s.file, src); perr != nil {
			var ye *pyaml.Error
			if errors.As(perr, &ye) {
				line, msg = ye.Line, ye.Msg
			}
		}
		s.note(infra.NoteError, line, "the kustomization is not valid YAML: %s", msg)
		return nil, fmt.Errorf("%s is not valid YAML: %s", s.file, msg)
	}
	if len(docs) == 0 || len(docs[0].Content) == 0 || docs[0].Content[0].Kind != yaml.MappingNode {
		// Only what was checked is handed to kustomize.
		line := 0
		if len(docs) > 0 && len(docs[0].Content) > 0 {
			line = docs[0].Content[0].Line
		}
		s.note(infra.NoteError, line, "the kustomization is not a mapping of fields (apiVersion, kind, resources, …)")
		return nil, fmt.Errorf("%s is not a mapping of fields", s.file)
	}
	// Aliases and merge keys are expanded first, so that no remote path
	// can hide behind one.
	budget := maxNodes
	m, err := flatten(docs[0].Content[0], &budget, 0)
	if err != nil {
		s.note(infra.NoteError, 0, "the kustomization cannot be read: %v", err)
		return nil, fmt.Errorf("%s cannot be read: %v", s.file, err)
	}
	docs = docs[:1]
	docs[0].Content[0] = m
	renameDeprecated(m)
	var out []*yaml.Node
	hasBuildMetadata := false
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if !s.field(k, v) {
			continue
		}
		if k.Value == "buildMetadata" && s.root {
			hasBuildMetadata = true
			addBuildMetadata(v)
		}
		out = append(out, k, v)
	}
	if s.root && !hasBuildMetadata {
		seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		addBuildMetadata(seq)
		out = append(out, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "buildMetadata"}, seq)
	}
	m.Content = out
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			return nil, fmt.Errorf("%s: cannot rewrite the kustomization: %v", s.file, err)
		}
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("%s: cannot rewrite the kustomization: %v", s.file, err)
	}
	return b.Bytes(), nil
}

// decodeNodes reads every document of a YAML stream as nodes. The YAML
// library's panics (it has some on hostile input) are errors.
func decodeNodes(src []byte) (docs []*yaml.Node, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the YAML library failed on this file: %v", p)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		if err := dec.Decode(&n); err != nil {
			if err == io.EOF {
				return docs, nil
			}
			return nil, err
		}
		docs = append(docs, &n)
	}
}

// maxNodes bounds the nodes a kustomization may expand to through its
// aliases: a real one has a few hundred.
const maxNodes = 100_000

// flatten copies a node with its aliases and merge keys (<<) expanded and
// its anchors dropped, as kustomize's YAML reader will see it. Keys
// written in a mapping win over merged ones, and earlier merged mappings
// over later ones. A !!binary value is refused: kustomize would read it
// decoded, which prodgrade does not check.
func flatten(n *yaml.Node, budget *int, depth int) (*yaml.Node, error) {
	if *budget--; *budget < 0 {
		return nil, fmt.Errorf("its aliases expand to more than %d values", maxNodes)
	}
	if depth > 1000 {
		return nil, errors.New("its values nest more than 1000 levels deep")
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return nil, fmt.Errorf("line %d: alias *%s has no anchor", n.Line, n.Value)
		}
		return flatten(n.Alias, budget, depth+1)
	}
	c := *n
	c.Anchor = ""
	c.Content = nil
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!binary" {
			return nil, fmt.Errorf("line %d: a !!binary value is not read", n.Line)
		}
	case yaml.MappingNode:
		var merged []*yaml.Node
		explicit := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, err := flatten(n.Content[i], budget, depth+1)
			if err != nil {
				return nil, err
			}
			v, err := flatten(n.Content[i+1], budget, depth+1)
			if err != nil {
				return nil, err
			}
			if k.Kind == yaml.ScalarNode && (k.Tag == "!!merge" || k.Value == "<<" && k.Style == 0) {
				maps := []*yaml.Node{v}
				if v.Kind == yaml.SequenceNode {
					maps = v.Content
				}
				for _, m := range maps {
					if m.Kind != yaml.MappingNode {
						return nil, fmt.Errorf("line %d: merge key << takes a mapping or a list of mappings", k.Line)
					}
					merged = append(merged, m.Content...)
				}
				continue
			}
			explicit[k.Value] = true
			c.Content = append(c.Content, k, v)
		}
		for i := 0; i+1 < len(merged); i += 2 {
			if k := merged[i]; !explicit[k.Value] {
				explicit[k.Value] = true
				c.Content = append(c.Content, k, merged[i+1])
			}
		}
	default:
		for _, e := range n.Content {
			f, err := flatten(e, budget, depth+1)
			if err != nil {
				return nil, err
			}
			c.Content = append(c.Content, f)
		}
	}
	return &c, nil
}

// renameDeprecated moves bases into resources and imageTags into images,
// as kustomize itself does right after it has printed a warning about
// them to standard error, which would otherwise appear in the middle of a
// scan's output. The other deprecated fields (patchesStrategicMerge,
// patchesJson6902, commonLabels, vars) are left as written: their new
// forms run at other points of a build, so moving them could change what
// is built, and kustomize warns about them.
func renameDeprecated(m *yaml.Node) {
	for _, r := range [][2]string{{"bases", "resources"}, {"imageTags", "images"}} {
		old, cur := -1, -1
		for i := 0; i+1 < len(m.Content); i += 2 {
			switch m.Content[i].Value {
			case r[0]:
				old = i
			case r[1]:
				cur = i
			}
		}
		if old < 0 || m.Content[old+1].Kind != yaml.SequenceNode {
			continue
		}
		if cur < 0 {
			m.Content[old].Value = r[1]
			continue
		}
		if to := m.Content[cur+1]; to.Kind == yaml.SequenceNode {
			to.Content = append(to.Content, m.Content[old+1].Content...)
			to.Style = 0
			m.Content = append(m.Content[:old:old], m.Content[old+2:]...)
		}
	}
}

// addBuildMetadata adds the annotation options to a buildMetadata list.
func addBuildMetadata(seq *yaml.Node) {
	if seq.Kind != yaml.SequenceNode {
		return // kustomize says what is wrong with it
	}
	for _, opt := range []string{originAnnotations, transformerAnnotations} {
		found := false
		for _, n := range seq.Content {
			found = found || n.Kind == yaml.ScalarNode && n.Value == opt
		}
		if !found {
			seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: opt})
		}
	}
	seq.Style = 0 // a flow list written on one line stays valid when it grows
}

// field sanitizes one top-level field in place; false drops it.
func (s *sanitizer) field(k, v *yaml.Node) bool {
	switch k.Value {
	case "resources", "bases", "components":
		s.paths(k.Value, v, "remote base not fetched: %s; the kustomization is graded without it", false)
	case "crds", "configurations":
		s.paths(k.Value, v, "remote file not fetched: %s; the kustomization is graded without it", false)
	case "generators", "transformers", "validators":
		s.paths(k.Value, v, "remote plugin configuration not fetched: %s; the kustomization is graded without it", true)
	case "patchesStrategicMerge":
		s.paths(k.Value, v, "remote patch not fetched: %s; the kustomization is graded without it", false)
	case "patches", "patchesJson6902", "replacements":
		s.items(v, func(item *yaml.Node) bool { return s.pathField(k.Value, item, "path") })
	case "configMapGenerator", "secretGenerator":
		s.items(v, func(item *yaml.Node) bool { s.generator(k.Value, item); return false })
	case "openapi":
		s.note(infra.NoteCoverage, k.Line, "openapi: the custom OpenAPI schema is not used (kustomize keeps it in process-wide state that builds running together would share); patches to custom resources are merged with the built-in schema")
		return false
	case "helmCharts", "helmChartInflationGenerator":
		var names []string
		for _, c := range v.Content {
			if n := mapValue(c, "name"); n != nil && n.Kind == yaml.ScalarNode {
				names = append(names, n.Value)
			}
		}
		what := "its charts"
		if len(names) > 0 {
			what = "the charts " + strings.Join(names, ", ")
		}
		s.note(infra.NoteCoverage, k.Line, "%s: Helm chart inflation is disabled in prodgrade's kustomize builds (it would run helm, which may fetch charts); the objects of %s are not graded", k.Value, what)
		return false
	case "helmGlobals":
		return false // used only with helmCharts
	}
	return true
}

// paths sanitizes a list of paths in place: a remote one is dropped with
// the note format, a local one outside the tree is noted. pluginConfigs:
// an entry written on several lines is a plugin configuration, checked
// for remote files, and a directory is dropped (kustomize would build the
// configurations from a kustomization, whose transformers could make a
// checked local path remote).
func (s *sanitizer) paths(field string, seq *yaml.Node, remote string, pluginConfigs bool) {
	if seq.Kind != yaml.SequenceNode {
		return
	}
	var kept []*yaml.Node
	for _, n := range seq.Content {
		if n.Kind != yaml.ScalarNode {
			kept = append(kept, n)
			continue
		}
		p := strings.TrimSpace(n.Value)
		switch {
		case strings.Contains(p, "\n"):
			if !pluginConfigs {
				break
			}
			if url, err := remotePluginFile([]byte(n.Value)); err != nil {
				s.note(infra.NoteCoverage, n.Line, "%s: the plugin configuration written here cannot be read (%v); the kustomization is graded without it", field, err)
				continue
			} else if url != "" {
				s.note(infra.NoteCoverage, n.Line, "%s: the plugin configuration written here names the remote file %s, which is not fetched; the kustomization is graded without this configuration", field, url)
				continue
			}
		case isRemote(p):
			s.note(infra.NoteCoverage, n.Line, remote, p)
			continue
		case strings.HasPrefix(p, "{"):
			// An inline patch or plugin configuration written as JSON.
		case pluginConfigs && s.isDir(p):
			s.note(infra.NoteCoverage, n.Line, "%s: %s is a kustomization; plugin configurations built by a kustomization are not used (what they load cannot be checked before kustomize loads it), so the kustomization is graded without them", field, p)
			continue
		default:
			s.local(field, p, n.Line)
		}
		kept = append(kept, n)
	}
	if len(kept) != len(seq.Content) {
		seq.Content = kept
		seq.Style = 0
	}
}

// items sanitizes each item of a list in place; drop says to drop it.
func (s *sanitizer) items(seq *yaml.Node, drop func(item *yaml.Node) bool) {
	if seq.Kind != yaml.SequenceNode {
		return
	}
	var kept []*yaml.Node
	for _, item := range seq.Content {
		if !drop(item) {
			kept = append(kept, item)
		}
	}
	if len(kept) != len(seq.Content) {
		seq.Content = kept
		seq.Style = 0
	}
}

// pathField checks the file a list item names in key, and reports whether
// to drop the item because the file is remote.
func (s *sanitizer) pathField(field string, item *yaml.Node, key string) bool {
	n := mapValue(item, key)
	if n == nil || n.Kind != yaml.ScalarNode {
		return false
	}
	if p := strings.TrimSpace(n.Value); isRemote(p) {
		s.note(infra.NoteCoverage, n.Line, "%s: remote file not fetched: %s; the kustomization is graded without this entry", field, p)
		return true
	} else if p != "" {
		s.local(field, p, n.Line)
	}
	return false
}

// generator checks the files of a configMapGenerator or secretGenerator
// entry in place: remote ones are dropped from it.
func (s *sanitizer) generator(field string, item *yaml.Node) {
	if item.Kind != yaml.MappingNode {
		return
	}
	var kept []*yaml.Node
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i], item.Content[i+1]
		switch {
		case (k.Value == "files" || k.Value == "envs") && v.Kind == yaml.SequenceNode:
			var files []*yaml.Node
			for _, n := range v.Content {
				if n.Kind == yaml.ScalarNode && !s.generatorFile(field, k.Value, n) {
					continue
				}
				files = append(files, n)
			}
			if len(files) != len(v.Content) {
				v.Content = files
				v.Style = 0
			}
		case k.Value == "env" && v.Kind == yaml.ScalarNode:
			if !s.generatorFile(field, k.Value, v) {
				continue
			}
		}
		kept = append(kept, k, v)
	}
	item.Content = kept
}

// generatorFile checks one file of a generator; false drops it.
func (s *sanitizer) generatorFile(field, key string, n *yaml.Node) bool {
	p := strings.TrimSpace(n.Value)
	if key == "files" && !isRemote(p) {
		if _, after, ok := strings.Cut(p, "="); ok {
			p = after
		}
	}
	if isRemote(p) {
		s.note(infra.NoteCoverage, n.Line, "%s: remote file not fetched: %s; the generated object is graded without it", field, p)
		return false
	}
	if p != "" {
		s.local(field, p, n.Line)
	}
	return true
}

// local notes a local path that does not exist, or that leads outside the
// scanned tree (or into .git, or out through a symbolic link): kustomize
// will not be able to build the kustomization, and the note says why at
// the line that names the path.
func (s *sanitizer) local(field, p string, line int) {
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(s.dir, p)
	}
	_, err := s.fs.tree.Stat(abs)
	var ce *confine.Error
	switch {
	case errors.Is(err, fs.ErrNotExist):
		s.note(infra.NoteError, line, "%s: %s does not exist, so kustomize cannot build this kustomization", field, p)
	case errors.As(err, &ce):
		s.fs.markRefused(abs)
		s.note(infra.NoteError, line, "%s: %s", field, refusedText(p, ce.Reason))
	}
}

func (s *sanitizer) isDir(p string) bool {
	if filepath.IsAbs(p) {
		return false
	}
	st, err := s.fs.tree.Stat(filepath.Join(s.dir, p))
	return err == nil && st.IsDir()
}

// mapValue is the value of key in a mapping node, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// scpUser is the user@ of an scp-like git address (git@github.com:org/repo).
var scpUser = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9-]*@`)

// isRemote reports a path kustomize would fetch instead of reading from
// disk: a URL of any scheme (https://, ssh://, file:// clones a repository
// with git), a git address (git@host:org/repo, github.com/org/repo, the
// git:: prefix). It errs on the side of remote: such a path is never
// handed to kustomize.
func isRemote(p string) bool {
	l := strings.ToLower(p)
	if strings.HasPrefix(l, "git::") || strings.Contains(l, "://") ||
		strings.HasPrefix(l, "github.com/") || strings.HasPrefix(l, "github.com:") || scpUser.MatchString(p) {
		return true
	}
	u, err := url.Parse(p)
	return err == nil && len(u.Scheme) > 1
}

// pluginFileKeys are the fields of kustomize's builtin plugin
// configurations that name files the plugin loads.
var pluginFileKeys = map[string]bool{
	"path": true, "paths": true, "files": true, "envs": true, "env": true,
	"targetFilePath": true, "valuesFile": true, "additionalValuesFiles": true,
}

// remotePluginFile returns the first remote file a builtin plugin
// configuration (apiVersion: builtin) in data names, or "". Kustomize
// would fetch it over HTTP when it configures the plugin, so such a file
// is never handed to kustomize. A configuration that cannot be read as
// YAML here is an error: what kustomize would make of it is not checked.
func remotePluginFile(data []byte) (string, error) {
	if !bytes.Contains(data, []byte("builtin")) {
		return "", nil
	}
	docs, err := decodeNodes(data)
	if err != nil {
		return "", err
	}
	for _, d := range docs {
		if len(d.Content) == 0 {
			continue
		}
		budget := maxNodes
		doc, err := flatten(d.Content[0], &budget, 0)
		if err != nil {
			return "", err
		}
		if av := mapValue(doc, "apiVersion"); av == nil || strings.TrimSpace(av.Value) != "builtin" {
			continue
		}
		if u := remoteIn(doc, false); u != "" {
			return u, nil
		}
	}
	return "", nil
}

// remoteIn finds a remote path in the file fields of a node, at any depth.
func remoteIn(n *yaml.Node, fileField bool) string {
	switch n.Kind {
	case yaml.ScalarNode:
		p := strings.TrimSpace(n.Value)
		if _, after, ok := strings.Cut(p, "="); ok && !isRemote(p) {
			p = after
		}
		if fileField && isRemote(p) {
			return p
		}
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if u := remoteIn(c, fileField); u != "" {
				return u
			}
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if u := remoteIn(n.Content[i+1], pluginFileKeys[n.Content[i].Value]); u != "" {
				return u
			}
		}
	}
	return ""
}
