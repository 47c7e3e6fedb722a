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

# --- install check (issue 10 item 5): the release build a server runs, installed into a
# temporary prefix and run without the toolchain (adds one release build, about 4-5 min). ---
echo "== install check (scripts/check-install.sh)"
scripts/check-install.sh
# --- end install check ---
