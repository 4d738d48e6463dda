#!/usr/bin/env bash
# The project's whole test suite, as CI runs it (.ci/run calls this script):
# formatting, go vet and every test. Run it from anywhere in the checkout.
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
