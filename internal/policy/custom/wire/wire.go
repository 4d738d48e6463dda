// Package wire is what prodgrade and prodgrade-policy say to each other.
// prodgrade starts prodgrade-policy once per scan that has custom rules,
// sends one Load, then any number of Evals, each a JSON value on the
// evaluator's standard input; the evaluator answers each with one JSON
// value on its standard output (a Loaded, then one Result per Eval, in
// any order, matched by ID). Closing its standard input ends it.
//
// It imports neither OPA nor CEL, so that prodgrade itself links neither:
// only scans with custom rules pay for initialising them.
package wire

// Version is the protocol's version. An evaluator refuses a Load of
// another version, so that a prodgrade-policy left over from another
// build says so instead of evaluating wrongly.
const Version = 1

// Languages a policy is written in.
const (
	Rego = "rego"
	CEL  = "cel"
)

// Load asks the evaluator to compile every policy once.
type Load struct {
	Version  int
	Policies []Policy
}

// Policy is one rule's policy.
type Policy struct {
	// Rule is the rule's id, for messages.
	Rule string
	// Lang is Rego or CEL.
	Lang string
	// File is the file the source comes from, as the user named it (a
	// .rego file, or the rule.yaml holding a CEL expression); errors name it.
	File string
	// Line and Col are where Source starts in File (1-based), so that an
	// error in a CEL expression inside rule.yaml names its line there.
	// Col is the column of Source's first line; Indent is how far the
	// lines after it are indented in File (a YAML block scalar's).
	Line, Col, Indent int
	Source            string
}

// Loaded answers a Load: Errors are the policies' compile errors, each
// naming file:line; empty when every policy compiled.
type Loaded struct {
	Errors []string
}

// Eval asks for one policy to be evaluated on one input.
type Eval struct {
	ID uint64
	// Policy is the index of the policy in the Load.
	Policy int
	// Input is the JSON document the policy sees (see the custom package).
	Input []byte
}

// Result answers an Eval.
type Result struct {
	ID uint64
	// Outcomes are what the policy decided; none means the rule does not
	// apply to the resource.
	Outcomes []Outcome `json:",omitempty"`
	// Error says why the policy could not be evaluated (a runtime error,
	// an answer of the wrong shape, the time limit).
	Error string `json:",omitempty"`
}

// Outcome is one result a policy records.
type Outcome struct {
	// Status is "pass", "fail" or "unknown".
	Status  string
	Message string `json:",omitempty"`
	// Path is the attribute path the result is about, so that a finding
	// points at the attribute's line; "" for the resource.
	Path string `json:",omitempty"`
}
