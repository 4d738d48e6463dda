#!/usr/bin/env bash
# The project's whole test suite, as CI runs it (.ci/run calls this script):
# formatting, go vet, every test, and terraform validate of the examples and
# rule fixtures. Run it from anywhere in the checkout.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

unformatted=$(gofmt -l .)
if [[ -n "$unformatted" ]]; then
	echo "These files are not gofmt-formatted (run: gofmt -w <file>):" >&2
	echo "$unformatted" >&2
	exit 1
fi

go vet ./...
go test ./...

# Every example and rule fixture is real Terraform: terraform validate against
# the provider mirror (skipped, saying so, where terraform or the mirror is absent).
scripts/tf-validate.sh
