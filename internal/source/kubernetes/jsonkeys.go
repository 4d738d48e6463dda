package kubernetes

import "bytes"

// notJSONManifest tells, cheaply, a JSON document that cannot be a
// Kubernetes object: a top-level object without both apiVersion and kind
// keys (a Terraform plan, a package.json, a dashboard), or a top-level
// array. Such files are common in a scanned tree and can be 100 MB; parsing
// them as YAML would cost seconds and gigabytes to find nothing. It looks
// only at keys of the outermost object, skipping values byte by byte, and
// answers false (parse it) for anything it is not sure of: YAML, or JSON
// with a syntax error, which the parser then reports.
func notJSONManifest(data []byte) bool {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(data) == 0 {
		return false
	}
	if data[0] == '[' {
		return true
	}
	if data[0] != '{' {
		return false
	}
	var apiVersion, kind bool
	depth := 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '"':
			end := stringEnd(data, i)
			if end < 0 {
				return false
			}
			if depth == 1 && isKey(data, end) {
				switch string(data[i+1 : end]) {
				case "apiVersion":
					apiVersion = true
				case "kind":
					kind = true
				}
				if apiVersion && kind {
					return false
				}
			}
			i = end
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return true // the whole object was read
			}
		}
	}
	return false // truncated: let the parser say so
}

// stringEnd is the index of the quote closing the string opened at i, or
// -1 when it is not closed.
func stringEnd(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j
		}
	}
	return -1
}

// isKey tells whether the string closing at end is followed by a colon.
func isKey(data []byte, end int) bool {
	for j := end + 1; j < len(data); j++ {
		switch data[j] {
		case ' ', '\t', '\r', '\n':
		case ':':
			return true
		default:
			return false
		}
	}
	return false
}
