#!/usr/bin/env bash
# Installs the Debian packages Brygga needs to build and test on a fresh machine with the Swift
# toolchain: the SQLite headers (SyncStore), time-zone data (Fortnox times are Swedish local time),
# CA certificates (URLSession over HTTPS), Chromium (a test loads `brygga log --html` reports in
# headless Chromium and reads the DOM it built), and for the mail tests a real SMTP server
# (aiosmtpd, run by scripts/smtp-test-server.py) and a real sendmail-compatible program (msmtp; not
# msmtp-mta, which would replace an MTA the machine already has). Does nothing when they are
# already there.
set -euo pipefail

packages=(libsqlite3-dev tzdata ca-certificates chromium python3-aiosmtpd msmtp)
# --- install check: scripts/install.sh links FoundationNetworking statically (needs libcurl's
# -dev package); the man page it installs is rendered by man-db/groff in the check. ---
packages+=(libcurl4-openssl-dev man-db groff-base)
# --- end install check ---
missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

echo "Installing: ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
