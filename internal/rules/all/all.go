// Package all registers every rule prodgrade ships. Import it for its side
// effect (import _ ".../internal/rules/all") wherever the full catalog is
// needed: the CLI, scan tests, benchmarks.
//
// Placeholder created by the CLI/scan work so the binary builds; the rules
// work owns this file and adds one blank import per platform package.
package all
