package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/prodgrade/prodgrade/internal/policy"
	"github.com/prodgrade/prodgrade/internal/rules"
)

// loadPolicy builds the scan's policy from the configuration file named
// with --config, or else found upward from the scanned paths, and --tier.
// A configuration that does not parse or validate is a usage error: a
// policy half applied would grade the wrong thing.
func loadPolicy(configFile, tier string, paths []string) (*policy.Policy, error) {
	if configFile == "" {
		var err error
		if configFile, err = policy.Find(paths); err != nil {
			return nil, err
		}
	}
	var cfg *policy.Config
	if configFile != "" {
		var err error
		cfg, err = policy.Load(relToWD(configFile), func(id string) bool { return rules.Lookup(id) != nil }, ruleParams)
		if err != nil {
			return nil, fmt.Errorf("the configuration file is not valid:\n%w", err)
		}
	}
	return policy.New(cfg, tier, today(), nil)
}

// ruleParams lists the parameters a rule declares.
func ruleParams(id string) []string {
	r := rules.Lookup(id)
	if r == nil {
		return nil
	}
	var out []string
	for _, p := range r.Params {
		out = append(out, p.Name)
	}
	return out
}

// today is the local calendar day, as a date in UTC (how configuration
// dates are parsed), so a waiver ending today still waives today.
func today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// relToWD shortens a path to one relative to the working directory when it
// is inside it, for messages and report ids.
func relToWD(p string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(p) {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && filepath.IsLocal(rel) {
		return rel
	}
	return p
}
