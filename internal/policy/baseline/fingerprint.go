// Package baseline gives every finding a fingerprint — an identity that
// survives moved lines, renamed files and unrelated edits — and keeps
// baseline files: the fingerprints of the findings a team has accepted
// for now, so that a scan gates only on new ones, and the baseline only
// ever shrinks as old ones are fixed (a ratchet).
package baseline

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// Key is what identifies a finding. The line is deliberately not part of
// it: code added above a resource moves every line below.
type Key struct {
	// Component is the component's name, as in the report.
	Component string
	// Rule is the rule id.
	Rule string
	// File is the finding's file as in the report; "" when Address alone
	// names the resource within its component, so that renaming a file
	// keeps the fingerprints of what it holds.
	File string
	// Address is the resource's logical address: a Terraform address
	// ("module.db.aws_db_instance.this[0]"), Kind/namespace/name for a
	// Kubernetes object.
	Address string
	// Attr is the attribute path (or its stand-in, rules.Result.Attr),
	// with list members named where they have names (see stableAttr).
	Attr string
}

// fingerprintLen is how many hex digits of the SHA-256 a fingerprint
// keeps: 64 bits, so a collision among even a million findings is
// improbable (about 1 in 36 million), and short enough to read and grep.
const fingerprintLen = 16

// Fingerprint is the key's short hex digest. The fields are hashed as a
// JSON array, so no two different keys have the same encoding, whatever
// characters their fields hold.
func (k Key) Fingerprint() string { return digest(k.encode()) }

func (k Key) encode() []byte {
	b, _ := json.Marshal([]string{"v1", k.Component, k.Rule, k.File, k.Address, k.Attr}) // cannot fail on strings
	return b
}

func digest(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])[:fingerprintLen]
}

// Fingerprinter gives the findings of one component their fingerprints.
// Findings must be given in the report's order (by file, line, rule,
// resource): when two findings have the same key (a rule that reports
// twice on the whole of one resource, or names no member in a message),
// the second and later ones are told apart by their occurrence in that
// order, so every fingerprint of a report is unique.
type Fingerprinter struct {
	component string
	// shared are addresses held by more than one resource of the
	// component, whose findings keep their file in the key.
	shared map[string]bool
	seen   map[string]int
}

// NewFingerprinter prepares fingerprints for the findings of c.
func NewFingerprinter(c *infra.Component) *Fingerprinter {
	count := make(map[string]int, len(c.Resources))
	var shared map[string]bool
	for _, r := range c.Resources {
		count[r.Address]++
		if count[r.Address] == 2 {
			if shared == nil {
				shared = map[string]bool{}
			}
			shared[r.Address] = true
		}
	}
	return &Fingerprinter{component: c.Name, shared: shared, seen: map[string]int{}}
}

// Of returns the fingerprint of a result reported at file (the file as the
// report writes it).
func (f *Fingerprinter) Of(x *rules.Result, file string) string {
	k := Key{Component: f.component, Rule: x.Rule.ID, Address: x.Resource.Address,
		Attr: stableAttr(x.Resource.Attrs, x.Attr)}
	if f.shared[k.Address] {
		k.File = file
	}
	enc := k.encode()
	f.seen[string(enc)]++
	if n := f.seen[string(enc)]; n > 1 {
		enc = append(enc, '#')
		enc = strconv.AppendInt(enc, int64(n), 10)
	}
	return digest(enc)
}

// stableAttr rewrites the list indexes of an attribute path into the names
// of the members they point at, where each member of the list has a
// distinct name: spec.template.spec.containers[1].image becomes
// spec.template.spec.containers.name=web.image. A container moved above
// another, or a new sidecar, then leaves the findings of the others
// alone. Indexes of members without names (Terraform's ingress blocks)
// stay, and so does any part of the path that does not resolve.
func stableAttr(attrs infra.Value, attr string) string {
	if attr == "" || attr[0] == '~' {
		return attr
	}
	path := infra.ParsePath(attr)
	out := make(infra.Path, 0, len(path))
	cur := attrs
	renamed := false
	for i, seg := range path {
		if cur.Kind() == infra.List {
			list := cur.List()
			n, err := strconv.Atoi(seg)
			switch {
			case err == nil && n >= 0 && n < len(list):
				if name, ok := memberName(list, n); ok {
					seg, renamed = "name="+name, true
				}
				out = append(out, seg)
				cur = list[n]
				continue
			case err != nil && len(list) == 1:
				cur = list[0] // a block written once, as infra.Value.At steps into it
			default:
				return finish(attr, out, path[i:], renamed)
			}
		}
		if cur.Kind() != infra.Object {
			return finish(attr, out, path[i:], renamed)
		}
		out = append(out, seg)
		cur = cur.Field(seg)
	}
	return finish(attr, out, nil, renamed)
}

// finish joins the rewritten head of a path to the rest of it, or returns
// the path as written when nothing was renamed.
func finish(attr string, head, rest infra.Path, renamed bool) string {
	if !renamed {
		return attr
	}
	return append(head, rest...).String()
}

// memberName is the name of list[n] when every member of list has a known
// string name field and no two share one.
func memberName(list []infra.Value, n int) (string, bool) {
	names := make(map[string]bool, len(list))
	for _, m := range list {
		s, ok := m.Field("name").Str()
		if !ok || m.Field("name").Kind() != infra.String || s == "" || names[s] {
			return "", false
		}
		names[s] = true
	}
	s, _ := list[n].Field("name").Str()
	return s, true
}
