package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/infra"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-cmd-exec-form",
		Item:     checklist.Deploy,
		Severity: checklist.Medium,
		Title:    "The image's CMD and ENTRYPOINT use the exec (JSON) form, so the application receives SIGTERM",
		Why: "In shell form (CMD node server.js) the container's main process is /bin/sh -c, which does not " +
			"pass SIGTERM on to the application. On every deploy, scale-in or restart the application is not " +
			"told to stop: it gets no chance to finish requests or close connections, and is killed after the " +
			"grace period. The exec form runs the program itself as PID 1.",
		Fix: `CMD ["node", "server.js"]
# when a shell is needed, let it replace itself: CMD exec node server.js`,
		// Like hadolint DL3025 for CMD and ENTRYPOINT, on the instructions
		// the image actually runs (an overridden CMD in a build stage does
		// not run); shell form that starts with exec passes, as the shell
		// then replaces itself. DL3025 also grades HEALTHCHECK CMD, whose
		// signals do not matter.
		References: []string{
			"https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
			"https://docs.docker.com/reference/build-checks/json-args-recommended/",
			"hadolint: DL3025",
		},
		Kinds:         stageKinds,
		CrossResource: true, // command: and entrypoint: of the Compose services that run it
		Check:         checkExecForm,
	})
}

func checkExecForm(c *rules.Check) {
	if !isFinal(c) {
		return
	}
	svcs := builders(c)
	// A service's entrypoint: replaces ENTRYPOINT and resets CMD; its
	// command: replaces CMD. When every service that runs the image sets
	// them, the image's own are never run.
	overridden := func(attrs ...string) bool {
		if len(svcs) == 0 {
			return false
		}
		for _, s := range svcs {
			set := false
			for _, a := range attrs {
				if v := s.Attrs.Get(a); v.IsKnown() && !v.IsNull() {
					set = true
				}
			}
			if !set {
				return false
			}
		}
		return true
	}
	seen, failed := false, false
	for _, kind := range []string{"ENTRYPOINT", "CMD"} {
		in, owner, ok := effective(c, kind)
		if !ok {
			continue
		}
		if kind == "ENTRYPOINT" && overridden("entrypoint") || kind == "CMD" && overridden("command", "entrypoint") {
			continue
		}
		seen = true
		if b, _ := in.v.Get("exec_form").Bool(); b {
			continue
		}
		script := strings.TrimSpace(strings.Join(words(in.v.Get("args")), " "))
		if strings.HasPrefix(script, "exec ") {
			continue
		}
		msg := "%s %s is in shell form, so /bin/sh is PID 1 and the application never receives SIGTERM; write it as a JSON array (%s [\"prog\", \"arg\"]) or start it with exec"
		if owner == c.R {
			c.Fail(in.path, msg, kind, script, kind)
		} else {
			c.FailAt(in.v.Loc, msg, kind, script, kind)
		}
		failed = true
	}
	if seen && !failed {
		c.Pass("the image's CMD and ENTRYPOINT are in exec form")
	}
}

// effective finds the CMD or ENTRYPOINT the image runs: the last one of
// the stage, else the one inherited from the stage it is built on. An
// ENTRYPOINT set in a stage resets the CMD it inherits, as Docker does.
func effective(c *rules.Check, kind string) (instr, *infra.Resource, bool) {
	for _, s := range chain(c.Graph, c.R) {
		ins := instructions(s)
		hasEntrypoint := false
		for i := len(ins) - 1; i >= 0; i-- {
			if ins[i].cmd == kind {
				return ins[i], s, true
			}
			if ins[i].cmd == "ENTRYPOINT" {
				hasEntrypoint = true
			}
		}
		if kind == "CMD" && hasEntrypoint {
			return instr{}, nil, false
		}
	}
	return instr{}, nil, false
}
