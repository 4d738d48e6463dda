package dockerfile

import (
	"strings"

	"github.com/prodgrade/prodgrade/internal/checklist"
	"github.com/prodgrade/prodgrade/internal/rules"
)

func init() {
	rules.Register(&rules.Rule{
		ID:       "docker-image-multistage-build",
		Item:     checklist.Performance,
		Severity: checklist.Medium,
		Title:    "Compiled code is built in an earlier stage; the image that runs does not compile (multi-stage build)",
		Why: "A final stage that runs go build, cargo build, mvn package, dotnet publish or gcc/make ships the " +
			"whole toolchain, the sources and the build caches: an image many times larger than the program, " +
			"slower to pull on every deploy and scale-out, with a compiler and hundreds of packages to patch " +
			"that an attacker inside the container can use. A build stage compiles; the final stage copies the " +
			"result onto a small runtime image.",
		Fix: `FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]`,
		References:    []string{"https://docs.docker.com/build/building/multi-stage/"},
		Kinds:         stageKinds,
		CrossResource: true, // the Compose services that build a target stage
		Check:         checkMultistage,
	})
}

// compiles returns "go build" when a command compiles code with a
// toolchain the image then holds, "" otherwise.
func compiles(argv []string) string {
	if len(argv) == 0 {
		return ""
	}
	sub := ""
	for _, a := range argv[1:] {
		if !strings.HasPrefix(a, "-") {
			sub = a
			break
		}
	}
	switch p := argv[0]; p {
	case "go":
		// go install tool@v1.2 installs a released tool, not this code.
		if sub == "build" || sub == "install" && !strings.Contains(strings.Join(argv, " "), "@") {
			return "go " + sub
		}
	case "cargo":
		// cargo install <crate> installs a published tool; --path builds this code.
		if sub == "build" || sub == "install" && contains(argv, "--path") {
			return "cargo " + sub
		}
	case "dotnet":
		if sub == "build" || sub == "publish" {
			return "dotnet " + sub
		}
	case "mvn", "mvnw":
		for _, a := range argv[1:] {
			switch a {
			case "package", "install", "verify", "compile":
				return p + " " + a
			}
		}
	case "gradle", "gradlew":
		for _, a := range argv[1:] {
			switch a {
			case "build", "assemble", "bootJar", "jar", "shadowJar", "installDist":
				return p + " " + a
			}
		}
	case "gcc", "g++", "cc", "c++", "clang", "clang++", "make", "cmake", "rustc", "javac":
		if p == "cmake" && sub != "--build" && !contains(argv, "--build") {
			return ""
		}
		return p
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// removesPackages reports a command that uninstalls packages (apk del
// .build-deps, apt-get purge gcc): a RUN that builds and then removes its
// toolchain in the same layer does not ship it.
func removesPackages(argv []string) bool {
	if len(argv) < 2 {
		return false
	}
	switch argv[0] {
	case "apk":
		return contains(argv, "del")
	case "apt-get", "apt", "aptitude", "yum", "dnf", "microdnf", "zypper":
		return contains(argv, "purge") || contains(argv, "remove") || contains(argv, "autoremove")
	}
	return false
}

// checkMultistage grades the stage an image is built from: its own RUNs
// and those of the stages it is built on, whose files it inherits.
func checkMultistage(c *rules.Check) {
	if !isFinal(c) || !runsApplication(c) {
		return
	}
	for _, s := range chain(c.Graph, c.R) {
		for _, ru := range runs(c.Graph, s) {
			what, removed := compileIn(ru)
			if what == "" || removed {
				continue
			}
			if s == c.R {
				c.Fail(ru.path, "the image runs %s in the stage it ships, so it carries the toolchain and sources; compile in a build stage and COPY --from it only the result", what)
			} else {
				c.FailAt(ru.v.Loc, "the image is built on stage %s, which runs %s, so it carries the toolchain and sources; start the final stage from a runtime image and COPY --from the build stage only the result", s.Name, what)
			}
			return
		}
	}
	// An image whose Dockerfile compiles nothing is not one this rule is
	// about; one that compiles in a stage it only copies from, or removes
	// the toolchain in the RUN that used it, passes.
	for _, s := range fileStages(c.Graph, c.R) {
		for _, ru := range runs(c.Graph, s) {
			switch what, removed := compileIn(ru); {
			case what != "" && removed:
				c.Pass("%s runs in a RUN that removes its toolchain again", what)
				return
			case what != "":
				c.Pass("code is compiled (%s) in stage %s, which the image only copies from", what, s.Name)
				return
			}
		}
	}
}

// runsApplication reports an image whose command runs an application: it
// has a CMD or ENTRYPOINT (or a Compose service that runs it sets one) and
// that is neither a shell nor a build tool. An image without one, or one
// that runs make, go or a shell, is a build or development environment,
// where the toolchain is the point.
func runsApplication(c *rules.Check) bool {
	argv := imageCommand(c)
	return len(argv) > 0 && !buildOrShell(argv)
}

// compileIn returns what a RUN compiles with ("go build"), "" when it
// compiles nothing, and whether the same RUN uninstalls packages (its
// toolchain) again.
func compileIn(ru run) (what string, removed bool) {
	for _, sc := range ru.cmds {
		argv := sc.argv()
		if w := compiles(argv); w != "" && what == "" {
			what = w
		}
		if removesPackages(argv) {
			removed = true
		}
	}
	return what, removed
}
