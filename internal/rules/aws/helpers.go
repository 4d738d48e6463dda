// Package aws holds prodgrade's rules for AWS resources. Kinds and attribute
// names are the hashicorp/aws Terraform provider's, whatever the front end.
//
// Every check reads only what was written: an attribute that is not written
// takes the provider's or the AWS API's documented default (cited where it is
// applied), and a value that cannot be known without running Terraform is
// reported as unknown, never guessed.
package aws

import (
	"fmt"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
	shellsrc "github.com/prodgrade/prodgrade/internal/source/shell"
)

// doc is the Terraform registry page of an AWS resource kind.
func doc(kind string) string {
	return "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/" + strings.TrimPrefix(kind, "aws_")
}

// read returns the value at path. When the value is unknown it records an
// unknown result and ok is false: the caller returns.
func read(c *rules.Check, path string) (v infra.Value, ok bool) {
	v = c.R.Attrs.Get(path)
	if !v.IsKnown() {
		c.Unknown(path, v)
		return v, false
	}
	return v, true
}

// boolAt reads a bool attribute; def applies when it is not written. ok is
// false when the value is unknown (already recorded).
func boolAt(c *rules.Check, path string, def bool) (b, ok bool) {
	return boolOf(c, c.R.Attrs.Get(path), path, def)
}

func boolOf(c *rules.Check, v infra.Value, path string, def bool) (b, ok bool) {
	if !v.IsKnown() {
		c.Unknown(path, v)
		return false, false
	}
	if v.IsNull() {
		return def, true
	}
	if b, isBool := v.Bool(); isBool {
		return b, true
	}
	c.UnknownBecause(fmt.Sprintf("%s is %s, not a bool", path, v.Kind()))
	return false, false
}

// boolWant is what a rule wants of one bool attribute, with the messages it
// records. The messages are recorded as written, not formatted: they are the
// rule's own text and carry no value from the scanned code.
type boolWant struct {
	path string
	// def is the provider's or API's documented default, which applies when
	// path is not written; want is the value that passes.
	def, want bool
	// pass and fail are recorded when the value, written or defaulted, is
	// want or is not.
	pass, fail string
	// passUnset and failUnset, when not empty, replace pass and fail when
	// path is not written, so the message can say the default decided.
	passUnset, failUnset string
	// failUnsetAt is where failUnset is recorded when that is not path: the
	// block that should hold the attribute, where the fix goes.
	failUnsetAt string
}

// requireBool is the whole check of a rule that wants one bool attribute set
// one way, so that all such rules agree on what an unwritten value (its
// default) and an unresolvable one (unknown, never a guess) mean.
func requireBool(c *rules.Check, w boolWant) {
	b, ok := boolAt(c, w.path, w.def)
	if !ok {
		return
	}
	unset := c.R.Attrs.Get(w.path).IsNull()
	switch {
	case b == w.want && unset && w.passUnset != "":
		c.Pass(w.passUnset)
	case b == w.want:
		c.Pass(w.pass)
	case unset && w.failUnset != "":
		at := w.failUnsetAt
		if at == "" {
			at = w.path
		}
		c.Fail(at, w.failUnset)
	default:
		c.Fail(w.path, w.fail)
	}
}

// numAt reads a number attribute; def applies when it is not written.
func numAt(c *rules.Check, path string, def float64) (n float64, ok bool) {
	v, ok := read(c, path)
	if !ok {
		return 0, false
	}
	if v.IsNull() {
		return def, true
	}
	if n, isNum := v.Number(); isNum {
		return n, true
	}
	c.UnknownBecause(fmt.Sprintf("%s is %s, not a number", path, v.Kind()))
	return 0, false
}

// strAt reads a string attribute; def applies when it is not written.
func strAt(c *rules.Check, path, def string) (s string, ok bool) {
	return strOf(c, c.R.Attrs.Get(path), path, def)
}

func strOf(c *rules.Check, v infra.Value, path, def string) (s string, ok bool) {
	if !v.IsKnown() {
		c.Unknown(path, v)
		return "", false
	}
	if v.IsNull() {
		return def, true
	}
	if s, isStr := v.Str(); isStr {
		return s, true
	}
	c.UnknownBecause(fmt.Sprintf("%s is %s, not a string", path, v.Kind()))
	return "", false
}

// knownStr is v when it is a known string, else "": for comparisons where an
// unknown or missing value simply does not match.
func knownStr(v infra.Value) string {
	s, _ := v.Str()
	return s
}

// num formats a number the way Terraform prints it.
func num(n float64) string {
	s, _ := infra.NumberValue(n).Str()
	return s
}

// attrLoc is the location of an attribute of another resource (the one that
// holds the setting a cross-resource rule found wrong).
func attrLoc(r *infra.Resource, path string) infra.Location { return r.AttrLoc(path) }

// pointers returns the resources of kind whose attribute attr points at the
// checked resource: by reference, or by naming it (see infra.Graph.Pointing).
func pointers(c *rules.Check, kind, attr, nameAttr string) []*infra.Resource {
	return c.Graph.Pointing(c.R, kind, attr, nameAttr)
}

// isAurora reports an Aurora engine, whose backups, encryption, deletion
// protection and Multi-AZ placement are set on the aws_rds_cluster, not on
// its aws_db_instance / aws_rds_cluster_instance members.
func isAurora(c *rules.Check) bool {
	return strings.HasPrefix(knownStr(c.R.Attrs.Get("engine")), "aurora")
}

// isReplica reports an aws_db_instance that is a read replica (written
// replicate_source_db, known or not).
func isReplica(c *rules.Check) bool {
	return !c.R.Attrs.Get("replicate_source_db").IsNull()
}

// addresses joins resource addresses for a message.
func addresses(rs []*infra.Resource) string {
	a := make([]string, len(rs))
	for i, r := range rs {
		a[i] = r.Address
	}
	return strings.Join(a, ", ")
}

// plural formats a count with a noun: "1 key", "3 keys".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// missingUnlessUnresolved records, with rules.Check.Missing, that no resource
// of kind points at the checked resource through attr. If one of them has
// attr unresolved and might point at it (infra.Graph.Unresolved), it may well
// be the evidence: the result is unknown, naming it, never a guessed fail.
func missingUnlessUnresolved(c *rules.Check, kind, attr, nameAttr, format string, args ...any) {
	if r := c.Graph.Unresolved(c.R, kind, attr, nameAttr); r != nil {
		c.UnknownIn(r, attr, r.Attrs.Get(attr))
		return
	}
	c.Missing(format, args...)
}

// decodeUserData reads base64 user data (gzip too).
func decodeUserData(s string) string { return shellsrc.DecodeUserData(s) }

// managerOf names what manages the component's resources, for messages
// about what happens outside it: Terraform, CloudFormation, AWS SAM.
func managerOf(c *rules.Check) string {
	if c.Component != nil && c.Component.Tool != "" {
		return c.Component.Tool
	}
	return "Terraform"
}
