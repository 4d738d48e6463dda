package tfjson

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/infra"
)

// tok is one step of a Terraform traversal: a name, or an index key kept as
// Terraform writes it in addresses (`["logs"]`, `[0]`).
type tok struct {
	name string
	key  string // "[...]" when this step is an index
}

// parseTraversal splits a reference or address such as
// `module.queue["a"].aws_sqs_queue.this[0].arn` into steps. It never fails:
// anything it cannot read ends the traversal.
func parseTraversal(s string) []tok {
	var out []tok
	for i := 0; i < len(s); {
		switch s[i] {
		case '.':
			i++
		case '[':
			j := i + 1
			if j < len(s) && s[j] == '"' {
				j++
				for j < len(s) && s[j] != '"' {
					if s[j] == '\\' {
						j++
					}
					j++
				}
				j++ // closing quote
			}
			for j < len(s) && s[j] != ']' {
				j++
			}
			if j >= len(s) {
				return out
			}
			out = append(out, tok{key: s[i : j+1]})
			i = j + 1
		default:
			j := i
			for j < len(s) && s[j] != '.' && s[j] != '[' {
				j++
			}
			out = append(out, tok{name: s[i:j]})
			i = j
		}
	}
	return out
}

// modStep is one module call instance of a module address.
type modStep struct{ name, key string }

// splitModule parses a module instance address ("module.a[0].module.b").
func splitModule(addr string) []modStep {
	ts := parseTraversal(addr)
	var out []modStep
	for i := 0; i+1 < len(ts); i++ {
		if ts[i].name != "module" || ts[i+1].name == "" {
			break
		}
		st := modStep{name: ts[i+1].name}
		i++
		if i+1 < len(ts) && ts[i+1].key != "" {
			st.key = ts[i+1].key
			i++
		}
		out = append(out, st)
	}
	return out
}

func joinModule(steps []modStep, withKeys bool) string {
	var b strings.Builder
	for i, s := range steps {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString("module.")
		b.WriteString(s.name)
		if withKeys {
			b.WriteString(s.key)
		}
	}
	return b.String()
}

// configModule drops the instance keys of a module instance address:
// `module.queue["a"]` → "module.queue".
func configModule(mod string) string { return joinModule(splitModule(mod), false) }

func join(prefix, s string) string {
	if prefix == "" {
		return s
	}
	if s == "" {
		return prefix
	}
	return prefix + "." + s
}

// localAddr is a resource's address within its module, without key:
// "aws_s3_bucket.b" or "data.aws_iam_policy_document.p".
func localAddr(mode, typ, name string) string {
	if mode == "data" {
		return "data." + typ + "." + name
	}
	return typ + "." + name
}

// formatKey renders an instance key from its JSON form (0, "logs", null) as
// Terraform does in addresses.
func formatKey(raw any) string {
	switch k := raw.(type) {
	case nil:
		return ""
	case json.Number:
		return "[" + k.String() + "]"
	case float64:
		return "[" + strconv.FormatFloat(k, 'f', -1, 64) + "]"
	case string:
		return "[" + infra.QuoteKey(k) + "]"
	}
	return fmt.Sprintf("[%v]", raw)
}
