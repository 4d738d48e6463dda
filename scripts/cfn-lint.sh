#!/usr/bin/env bash
# Validate the CloudFormation and SAM rule fixtures and examples with cfn-lint
# (pip install cfn-lint), so a fixture is a template CloudFormation would take.
# Errors fail; warnings are printed. Fixtures wrong on purpose say so in a
# comment and are left out with -i codes where needed.
#
#   scripts/cfn-lint.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v cfn-lint >/dev/null || { echo "cfn-lint is not installed: pip install cfn-lint" >&2; exit 2; }
shopt -s nullglob
files=("$root"/internal/rules/aws/testdata/*/{cloudformation,sam}*/template.{yaml,json} "$root"/examples/cloudformation/*/template.yaml)
cfn-lint --format parseable "${files[@]}" | tee /dev/stderr | grep -q ':E[0-9]' && exit 1
exit 0
