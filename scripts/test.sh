#!/usr/bin/env bash
# The test command: installs what a fresh machine lacks, builds without warnings, checks the
# formatting and runs every test. Exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-dependencies.sh

echo "== build (warnings are errors)"
swift build --build-tests -Xswiftc -warnings-as-errors

echo "== swift format lint"
swift format lint --strict -r Sources Tests

echo "== tests"
swift test --skip-build
