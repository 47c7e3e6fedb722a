#!/usr/bin/env bash
# The newcomer's first command: installs what a fresh machine lacks, then runs Brygga's demo
# against the embedded sandboxes.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-dependencies.sh
swift run brygga demo "$@"
