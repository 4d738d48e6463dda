package dockerfile

import (
	"strconv"
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-expose-ports-valid",
		Item:     checklist.Configure,
		Severity: checklist.Low,
		Title:    "EXPOSE lists valid ports (1-65535, optionally /tcp, /udp or /sctp)",
		Why: "EXPOSE documents the ports the application listens on, and tools act on it: docker run -P " +
			"publishes them and platforms read them to route traffic. A port outside 1-65535, a host mapping " +
			"(8080:80) or an unknown protocol either fails the build or publishes nothing the application " +
			"serves.",
		Fix: `EXPOSE 8080
EXPOSE 5353/udp`,
		// hadolint DL3011 and Trivy AVD-DS-0008 allow port 0, which no
		// service listens on; otherwise the same.
		References: []string{
			"https://docs.docker.com/reference/dockerfile/#expose",
			"hadolint: DL3011", "AVD-DS-0008",
		},
		Kinds:         stageKinds,
		CrossResource: true, // the stages it is built on, in the same Dockerfile
		Check:         checkExposeValid,
	})
}

func checkExposeValid(c *rules.Check) {
	seen, failed := false, false
	for i, in := range instructions(c.R) {
		if in.cmd != "EXPOSE" {
			continue
		}
		for _, p := range words(in.v.Get("args")) {
			seen = true
			spec := p
			if strings.Contains(spec, "$") {
				v, ok := expandVars(spec, stageVars(c.Graph, c.R, i))
				if !ok {
					unknownWord(c, "EXPOSE "+p, p, "the port is a build variable whose value is not known before the build", in.v.Loc)
					failed = true
					continue
				}
				spec = v
			}
			for _, one := range strings.Fields(spec) {
				if msg := invalidPort(one); msg != "" {
					c.Fail(in.path, msg, one)
					failed = true
				}
			}
		}
	}
	if seen && !failed {
		c.Pass("every exposed port is valid")
	}
}

// invalidPort says what is wrong with an EXPOSE entry (port, port/proto,
// range/proto), as a message format whose one argument is the entry; ""
// when nothing is.
func invalidPort(spec string) string {
	ports, proto, hasProto := strings.Cut(spec, "/")
	if hasProto {
		switch strings.ToLower(proto) {
		case "tcp", "udp", "sctp":
		default:
			return "EXPOSE %s: the protocol is not tcp, udp or sctp"
		}
	}
	if strings.Contains(ports, ":") {
		return "EXPOSE %s maps a host port or address, which EXPOSE does not do; expose the container port only and publish it with docker run -p or Compose ports:"
	}
	lo, hi, isRange := strings.Cut(ports, "-")
	bounds := []string{lo}
	if isRange {
		bounds = append(bounds, hi)
	}
	for _, b := range bounds {
		n, err := strconv.Atoi(b)
		if err != nil {
			return "EXPOSE %s is not a port number; write a port (8080), optionally with /tcp, /udp or /sctp"
		}
		if n < 1 || n > 65535 {
			return "EXPOSE %s is outside the ports 1-65535; expose the port the application listens on"
		}
	}
	if isRange {
		a, _ := strconv.Atoi(lo)
		b, _ := strconv.Atoi(hi)
		if a > b {
			return "EXPOSE %s: the range starts after it ends"
		}
	}
	return ""
}
