#!/usr/bin/env bash
# Checks scripts/install.sh the way a server uses its result (called by scripts/test.sh):
# installs into a temporary prefix, then runs the installed binary with an environment that holds
# no toolchain path (and, where the kernel lets us, with the toolchain directory hidden), checks
# that ldd names no library of the toolchain, that the man page renders, that the completion
# script loads in bash, and that the systemd units verify. Prints how long the install took.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
fail() { echo "check-install: $*" >&2; exit 1; }

started=$SECONDS
scripts/install.sh --prefix "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "install.sh failed"; }
echo "install.sh (release build + install) took $((SECONDS - started)) s"

brygga="$prefix/bin/brygga"
toolchain="$(dirname "$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")")"
echo "ldd $brygga:"
ldd "$brygga" | tee "$work/ldd"
! grep -q "not found" "$work/ldd" || fail "a library is missing"
! grep -qF "$toolchain/" "$work/ldd" || fail "the installed binary loads a library from the toolchain ($toolchain)"

# No toolchain on PATH, no inherited variables: what cron or systemd gives the program.
bare=(env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$work")
"${bare[@]}" "$brygga" --help >"$work/help" || fail "brygga --help failed"
grep -q "^Usage: brygga <command>" "$work/help" || fail "brygga --help printed no usage"
mkdir "$work/demo"
demo=(env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$work" "$brygga" demo --state-dir "$work/demo")
# Where the kernel lets us, the toolchain directory is hidden (an empty tmpfs over it in a private
# mount namespace), so the run proves that nothing of it is needed; elsewhere ldd above shows it.
if [ "$(id -u)" -eq 0 ] && unshare --mount true 2>/dev/null; then
    unshare --mount sh -c 'mount -t tmpfs none "$1" && [ -z "$(ls -A "$1")" ] && shift && exec "$@"' \
        _ "$toolchain" "${demo[@]}" >"$work/demo.out" 2>&1 \
        || { cat "$work/demo.out"; fail "brygga demo failed with the toolchain hidden"; }
    echo "brygga demo ran with $toolchain hidden and PATH=/usr/bin:/bin"
else
    "${demo[@]}" >"$work/demo.out" 2>&1 || { cat "$work/demo.out"; fail "brygga demo failed"; }
    echo "brygga demo ran with PATH=/usr/bin:/bin (toolchain directory not hidden: no mount namespace)"
fi
grep -q "^Demo finished" "$work/demo.out" || { cat "$work/demo.out"; fail "brygga demo did not finish"; }

# The man page: rendered by man or groff when there, else its roff structure.
page="$prefix/share/man/man1/brygga.1"
if command -v man >/dev/null; then
    MANWIDTH=80 man --warnings -l "$page" 2>"$work/man.err" >"$work/man.txt" || fail "man -l $page failed"
    [ ! -s "$work/man.err" ] || { cat "$work/man.err"; fail "man warned about $page"; }
    grep -q "EXIT STATUS" "$work/man.txt" || fail "the rendered man page has no EXIT STATUS"
    echo "man page renders (man -l)"
elif command -v groff >/dev/null; then
    groff -man -Tutf8 -ww -z "$page" 2>"$work/man.err" && [ ! -s "$work/man.err" ] || fail "groff warned about $page"
    echo "man page renders (groff)"
else
    head -2 "$page" | grep -q '^\.TH BRYGGA 1' && grep -q '^\.SH NAME' "$page" || fail "$page is not a man page"
    echo "man page has the roff structure (neither man nor groff is installed to render it)"
fi

# Bash completion: it parses, registers itself and completes.
completion="$prefix/share/bash-completion/completions/brygga"
bash -n "$completion" || fail "$completion does not parse"
words="$(bash -c "source '$completion' && complete -p brygga >/dev/null && COMP_WORDS=(brygga ru) COMP_CWORD=1 && _brygga && echo \"\${COMPREPLY[*]}\"")"
[ "$words" = "run" ] || fail "completion of 'brygga ru' gave '$words', not 'run'"
echo "bash completion loads and completes"

# The systemd units: systemd-analyze verify where systemd is installed, else their structure.
units="$prefix/lib/systemd/system"
grep -qx "ExecStart=$brygga run --config /etc/brygga/brygga.json" "$units/brygga.service" \
    || fail "brygga.service does not run the installed binary"
grep -qx "ExecStart=$prefix/lib/brygga/brygga-failure-mail %i" "$units/brygga-failure@.service" \
    || fail "brygga-failure@.service does not run the installed script"
for key in Type=oneshot User=brygga OnFailure=brygga-failure@%n.service StateDirectory=brygga; do
    grep -qFx "$key" "$units/brygga.service" || fail "brygga.service lacks $key"
done
for key in "OnCalendar=*:0/5" Persistent=true WantedBy=timers.target; do
    grep -qFx "$key" "$units/brygga.timer" || fail "brygga.timer lacks $key"
done
if command -v systemd-analyze >/dev/null; then
    # The instance name is what OnFailure=brygga-failure@%n.service starts.
    cp "$units/brygga-failure@.service" "$work/brygga-failure@brygga.service.service"
    SYSTEMD_LOG_LEVEL=notice systemd-analyze verify --man=no \
        "$units/brygga.service" "$units/brygga.timer" "$work/brygga-failure@brygga.service.service" \
        2>"$work/verify.err" || { cat "$work/verify.err"; fail "systemd-analyze verify failed"; }
    [ ! -s "$work/verify.err" ] || { cat "$work/verify.err"; fail "systemd-analyze verify warned"; }
    echo "systemd units verify (systemd-analyze verify)"
else
    echo "systemd units have the expected keys (systemd-analyze is not installed)"
fi
sh -n "$prefix/lib/brygga/brygga-cron" && sh -n "$prefix/lib/brygga/brygga-failure-mail" || fail "a script does not parse"
echo "install check passed"
