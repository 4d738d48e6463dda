#!/usr/bin/env bash
# The project's whole test suite, as CI runs it (.ci/run calls this script):
# formatting, go vet, every test with the race detector, and terraform
# validate of the examples and rule fixtures. Run it from anywhere in the
# checkout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

unformatted=$(gofmt -l .)
if [[ -n "$unformatted" ]]; then
	echo "These files are not gofmt-formatted (run: gofmt -w <file>):" >&2
	echo "$unformatted" >&2
	exit 1
fi

go vet ./...
# The scan is parallel (formats, components and rules run on a worker
# pool), so the tests run with the race detector, which needs cgo and a C
# compiler; without them the tests still run, and the skip is said.
if [[ "$(go env CGO_ENABLED)" == 1 ]] && command -v "$(go env CC)" >/dev/null 2>&1; then
	go test -race ./...
else
	echo "test.sh: no C compiler for cgo, so the tests run without -race" >&2
	go test ./...
fi

# Every example and rule fixture is real Terraform: terraform validate against
# the provider mirror (skipped, saying so, where terraform or the mirror is absent).
scripts/tf-validate.sh
