package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/rules"
	"github.com/prodgrade/prodgrade/internal/rules/shellword"
)

// pkgCmd is a package manager command read from a RUN: apt-get install
// -y --no-install-recommends curl=7.88.1-10 is {tool apt-get, sub install,
// opts [-y --no-install-recommends], pkgs [curl=7.88.1-10]}.
type pkgCmd struct {
	tool, sub  string
	opts, pkgs []string
	// index is the command's position in its RUN's commands, to tell what
	// runs before what.
	index int
}

// hasOpt reports an option given as name or name=value.
func (p pkgCmd) hasOpt(names ...string) bool {
	for _, o := range p.opts {
		for _, n := range names {
			if o == n || strings.HasPrefix(o, n+"=") {
				return true
			}
		}
	}
	return false
}

// aptTools are the Debian package tools that share apt-get's commands.
var aptTools = map[string]bool{"apt-get": true, "apt": true, "aptitude": true}

// aptOptArgs are apt-get's short options that take the next word as their
// value (-o Dpkg::Options::=…, -t bookworm-backports, -c file).
var aptOptArgs = map[string]bool{"-o": true, "-t": true, "-c": true, "--option": true,
	"--target-release": true, "--default-release": true, "--config-file": true}

// apkOptArgs are apk's options that take the next word as their value.
var apkOptArgs = map[string]bool{"-t": true, "--virtual": true, "-X": true, "--repository": true,
	"-p": true, "--root": true, "--arch": true, "--cache-dir": true, "--keys-dir": true,
	"--repositories-file": true, "--cache-max-age": true, "--timeout": true}

// pipOptArgs are pip install's options that take the next word as their value.
var pipOptArgs = map[string]bool{}

func init() {
	for _, o := range []string{"abi", "b", "build", "e", "editable", "extra-index-url", "f", "find-links", "i",
		"index-url", "implementation", "no-binary", "only-binary", "platform", "prefix", "progress-bar", "proxy",
		"python", "python-version", "root", "root-user-action", "src", "t", "target", "trusted-host",
		"upgrade-strategy", "cache-dir", "log", "timeout", "retries", "exists-action", "cert", "client-cert",
		"global-option", "config-settings", "C", "report", "r", "requirement", "c", "constraint"} {
		if len(o) == 1 {
			pipOptArgs["-"+o] = true
		} else {
			pipOptArgs["--"+o] = true
		}
	}
}

// splitPkgArgs splits a package manager's words after its name into the
// subcommand, the options (with their values) and the operands.
func splitPkgArgs(args []string, optArgs map[string]bool) (sub string, opts, operands []string) {
	for i := 0; i < len(args); i++ {
		w := args[i]
		if strings.HasPrefix(w, "-") && len(w) > 1 {
			opts = append(opts, w)
			if optArgs[w] && i+1 < len(args) {
				i++
				opts = append(opts, args[i])
			}
			continue
		}
		if sub == "" {
			sub = w
			continue
		}
		operands = append(operands, w)
	}
	return sub, opts, operands
}

// pkgCmds reads the apt-get, apt, aptitude, apk and pip commands of a RUN.
// For pip, sub is "install" and tool "pip" whichever pip or python -m pip
// runs it.
func pkgCmds(r run) []pkgCmd {
	var out []pkgCmd
	for i, c := range r.cmds {
		argv := c.argv()
		if len(argv) == 0 {
			continue
		}
		tool := argv[0]
		switch {
		case aptTools[tool]:
			sub, opts, pkgs := splitPkgArgs(argv[1:], aptOptArgs)
			out = append(out, pkgCmd{tool: tool, sub: sub, opts: opts, pkgs: pkgs, index: i})
		case tool == "apk":
			sub, opts, pkgs := splitPkgArgs(argv[1:], apkOptArgs)
			out = append(out, pkgCmd{tool: tool, sub: sub, opts: opts, pkgs: pkgs, index: i})
		case isPip(tool):
			sub, opts, pkgs := splitPkgArgs(argv[1:], pipOptArgs)
			out = append(out, pkgCmd{tool: "pip", sub: sub, opts: opts, pkgs: pkgs, index: i})
		case shellword.IsPython(tool) && len(argv) > 2 && argv[1] == "-m" && argv[2] == "pip":
			sub, opts, pkgs := splitPkgArgs(argv[3:], pipOptArgs)
			out = append(out, pkgCmd{tool: "pip", sub: sub, opts: opts, pkgs: pkgs, index: i})
		}
	}
	return out
}

// isPip reports pip, pip3, pip3.12.
func isPip(name string) bool {
	rest, ok := strings.CutPrefix(name, "pip")
	return ok && strings.Trim(rest, "0123456789.") == ""
}

// hasMount reports a RUN --mount of type cache or tmpfs at target, whose
// contents are never stored in the image's layer.
func hasMount(flags []string, target string) bool {
	for _, f := range flags {
		spec, ok := strings.CutPrefix(f, "--mount=")
		if !ok {
			continue
		}
		typ, dst := "bind", ""
		for _, kv := range strings.Split(spec, ",") {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "type":
				typ = v
			case "target", "dst", "destination":
				dst = strings.TrimSuffix(v, "/")
			}
		}
		if (typ == "cache" || typ == "tmpfs") && dst == target {
			return true
		}
	}
	return false
}

// removes reports a command that deletes a path starting with one of
// prefixes (rm -rf /var/lib/apt/lists/*, find /var/lib/apt/lists -delete).
func removes(c shellCmd, prefixes ...string) bool {
	argv := c.argv()
	if len(argv) < 2 || argv[0] != "rm" && !(argv[0] == "find" && contains(argv, "-delete")) {
		return false
	}
	for _, a := range argv[1:] {
		for _, p := range prefixes {
			if strings.HasPrefix(a, p) {
				return true
			}
		}
	}
	return false
}

// hasUnexpanded reports a word the shell would expand into something this
// reading cannot see: a variable or a command substitution.
func hasUnexpanded(w string) bool {
	return strings.ContainsAny(w, "$`")
}

// pinning describes one package manager for the version-pin rules.
type pinning struct {
	// installs picks the install commands to judge; a command it
	// reports as settled (a requirements file) counts as pinned.
	installs func(p pkgCmd) (judge, settled bool)
	pinned   func(pkg string) bool
	// fail is the finding's format and arguments for the command's tool
	// and its loose packages (arguments, so each is cut and scrubbed as
	// every message argument is).
	fail func(tool string, loose []string) (string, []any)
	pass string
}

// checkPinned is the whole check of the version-pin rules: every package
// an install command of the stage (or a stage it is built on) names must
// be pinned; one that comes from a shell variable is unknown.
func checkPinned(c *rules.Check, pn pinning) {
	seen, failed := false, false
	for _, ru := range runs(c.Graph, c.R) {
		for _, p := range pkgCmds(ru) {
			judge, settled := pn.installs(p)
			if settled {
				seen = true
			}
			if !judge || settled || len(p.pkgs) == 0 {
				continue
			}
			seen = true
			var loose []string
			unknown := ""
			for _, pkg := range p.pkgs {
				switch {
				case pn.pinned(pkg):
				case hasUnexpanded(pkg):
					unknown = pkg
				default:
					loose = append(loose, pkg)
				}
			}
			switch {
			case len(loose) > 0:
				format, args := pn.fail(p.tool, loose)
				c.Fail(ru.path, format, args...)
				failed = true
			case unknown != "":
				unknownWord(c, p.tool+" "+p.sub+" "+unknown, unknown, "the packages come from a shell variable or command whose value is not known before the build", ru.v.Loc)
				failed = true
			}
		}
	}
	if seen && !failed {
		c.Pass("%s", pn.pass)
	}
}
