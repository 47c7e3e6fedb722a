#!/usr/bin/env bash
# Builds brygga for a server and installs it (docs/OPERATIONS.md, "Installing on a server").
#
# The release binary has the Swift standard library and Foundation linked in
# (--static-swift-stdlib), so it needs no file of the Swift toolchain at run time, only the Debian
# libraries below. Installed under PREFIX:
#   bin/brygga                                  the program
#   share/man/man1/brygga.1                     its manual page ('brygga help --man')
#   share/bash-completion/completions/brygga    bash completion ('brygga help --bash-completion')
#   lib/systemd/system/brygga.service, brygga.timer, brygga-failure@.service
#   lib/brygga/brygga-cron, brygga-failure-mail the cron wrapper and the failure-mail script
#   share/doc/brygga/                           OPERATIONS.md, CONFIGURATION.md, examples/brygga.cron
# The unit files and scripts name PREFIX's paths. Nothing is enabled or started, and no user or
# directory outside PREFIX is created: OPERATIONS.md lists those steps.
#
# Usage: scripts/install.sh [--prefix DIR] [--destdir DIR] [--systemd-dir DIR] [--no-packages]
#   --prefix DIR       where brygga will live (default /usr/local)
#   --destdir DIR      stage the files under DIR instead of / (for packaging or copying)
#   --systemd-dir DIR  where the unit files go (default PREFIX/lib/systemd/system, which systemd
#                      reads for /usr and /usr/local; for another prefix use /etc/systemd/system)
#   --no-packages      install no Debian package (they must be there already)
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: what the build needs (FoundationNetworking links libcurl, SyncStore libsqlite3),
# and what the binary needs at run time: the libraries ldd shows (checked below), time zones
# (Fortnox dates are Swedish local time) and the CA certificates HTTPS checks servers against.
build_packages=(libcurl4-openssl-dev libsqlite3-dev)
runtime_packages=(libc6 libgcc-s1 libstdc++6 libcurl4 libsqlite3-0 tzdata ca-certificates)

prefix=/usr/local
destdir=""
systemd_dir=""
install_packages=true
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="${2:?--prefix needs a directory}"; shift 2 ;;
        --prefix=*) prefix="${1#*=}"; shift ;;
        --destdir) destdir="${2:?--destdir needs a directory}"; shift 2 ;;
        --destdir=*) destdir="${1#*=}"; shift ;;
        --systemd-dir) systemd_dir="${2:?--systemd-dir needs a directory}"; shift 2 ;;
        --systemd-dir=*) systemd_dir="${1#*=}"; shift ;;
        --no-packages) install_packages=false; shift ;;
        -h | --help) sed -n '2,/^set -euo/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
        *) echo "install.sh: unknown argument $1 (see --help)" >&2; exit 64 ;;
    esac
done
case "$prefix" in
    /*) prefix="${prefix%/}" ;;
    *) echo "install.sh: --prefix must be an absolute path, not $prefix" >&2; exit 64 ;;
esac
systemd_dir="${systemd_dir:-$prefix/lib/systemd/system}"

if $install_packages; then
    missing=()
    for package in "${build_packages[@]}" "${runtime_packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "== installing Debian packages: ${missing[*]}"
        sudo_cmd=()
        if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
        export DEBIAN_FRONTEND=noninteractive
        "${sudo_cmd[@]}" apt-get update -qq
        "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
fi

swift_binary="$(command -v swift || true)"
if [ -z "$swift_binary" ]; then
    echo "install.sh: no swift on PATH; add the toolchain, e.g. export PATH=/opt/swift/usr/bin:\$PATH" >&2
    exit 69
fi
# The toolchain's root (/opt/swift for /opt/swift/usr/bin/swift): nothing of it may be needed at run time.
toolchain="$(dirname "$(dirname "$(dirname "$(readlink -f "$swift_binary")")")")"

echo "== release build (Swift standard library and Foundation linked statically)"
build=(swift build -c release --static-swift-stdlib --product brygga)
"${build[@]}"
binary="$("${build[@]}" --show-bin-path)/brygga"

echo "== checking the shared libraries it needs"
libraries="$(ldd "$binary")"
echo "$libraries"
if grep -q "not found" <<<"$libraries"; then
    echo "install.sh: a library brygga needs is missing (above); install: ${runtime_packages[*]}" >&2
    exit 69
fi
if grep -qF "$toolchain/" <<<"$libraries" || readelf -d "$binary" | grep -E "R(UN)?PATH" | grep -qF "$toolchain"; then
    echo "install.sh: the binary still needs files of the Swift toolchain in $toolchain (above)" >&2
    exit 70
fi

root="$destdir$prefix"
echo "== installing into ${destdir:+$destdir (staged) }$prefix"
install -d "$root/bin" "$root/share/man/man1" "$root/share/bash-completion/completions" \
    "$root/lib/brygga" "$root/share/doc/brygga/examples" "$destdir$systemd_dir"
install -m 0755 "$binary" "$root/bin/brygga"
"$binary" help --man >"$root/share/man/man1/brygga.1"
"$binary" help --bash-completion >"$root/share/bash-completion/completions/brygga"
chmod 0644 "$root/share/man/man1/brygga.1" "$root/share/bash-completion/completions/brygga"

# The unit files and scripts are written for /usr/local; they get this prefix's paths.
with_prefix() {
    sed -e "s|/usr/local/|$prefix/|g" "$1" >"$2"
    chmod "$3" "$2"
}
for unit in brygga.service brygga.timer brygga-failure@.service; do
    with_prefix "scripts/systemd/$unit" "$destdir$systemd_dir/$unit" 0644
done
with_prefix scripts/brygga-cron "$root/lib/brygga/brygga-cron" 0755
with_prefix scripts/brygga-failure-mail "$root/lib/brygga/brygga-failure-mail" 0755
with_prefix scripts/cron/brygga "$root/share/doc/brygga/examples/brygga.cron" 0644
install -m 0644 docs/OPERATIONS.md docs/CONFIGURATION.md "$root/share/doc/brygga/"

echo "Installed brygga $("$root/bin/brygga" --version | cut -d' ' -f2) into ${destdir:+$destdir}$prefix."
echo "Next: the service user, /etc/brygga and the timer, in $prefix/share/doc/brygga/OPERATIONS.md."
