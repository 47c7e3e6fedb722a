#!/usr/bin/env bash
# The test command: installs what a fresh machine lacks, builds without warnings, checks the
# formatting and runs every test. Exits non-zero when anything fails.
#
# --repeat N runs the tests N times in a row after the one build (issue 10: the suite must pass ten
# times in a row on a fresh clone) and stops at the first red run, saying which one it was.
set -euo pipefail
cd "$(dirname "$0")/.."

repeat=1
if [ "${1:-}" = "--repeat" ]; then
    [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "usage: scripts/test.sh [--repeat N]  (N a whole number from 1)" >&2; exit 64; }
    repeat=$2
fi

scripts/install-dependencies.sh

echo "== build (warnings are errors)"
swift build --build-tests -Xswiftc -warnings-as-errors

echo "== swift format lint"
swift format lint --strict -r Sources Tests

echo "== test mail server (aiosmtpd on 127.0.0.1, a port the kernel picks)"
mail_directory=$(mktemp -d)
/usr/bin/python3 scripts/smtp-test-server.py \
    --maildir "$mail_directory/maildir" --port-file "$mail_directory/port" >/dev/null &
mail_server=$!
trap 'kill "$mail_server" 2>/dev/null || true; wait "$mail_server" 2>/dev/null || true; rm -rf "$mail_directory"' EXIT
for _ in $(seq 100); do
    [ -s "$mail_directory/port" ] && break
    kill -0 "$mail_server" 2>/dev/null || { echo "the test mail server did not start" >&2; exit 1; }
    sleep 0.1
done
[ -s "$mail_directory/port" ] || { echo "the test mail server did not report its port" >&2; exit 1; }
export BRYGGA_TEST_SMTP_PORT="$(cat "$mail_directory/port")"
export BRYGGA_TEST_MAILDIR="$mail_directory/maildir"

for round in $(seq "$repeat"); do
    echo "== tests (round $round of $repeat)"
    swift test --skip-build || { echo "== tests failed in round $round of $repeat" >&2; exit 1; }
done
[ "$repeat" -eq 1 ] || echo "== tests passed $repeat times in a row"

# --- install check (issue 10 item 5): the release build a server runs, installed into a
# temporary prefix and run without the toolchain (adds one release build, about 4-5 min). ---
echo "== install check (scripts/check-install.sh)"
scripts/check-install.sh
# --- end install check ---
