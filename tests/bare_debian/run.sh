#!/usr/bin/env bash
# run.sh — proves the README's two commands on a bare Debian 12: a `debootstrap --variant=minbase
# bookworm` root (no compiler, no cmake, no pkg-config, nothing but apt), the working tree copied in
# (the files `git ls-files` lists, as they are on disk) to /root/once, /proc, /dev and /dev/pts
# mounted, then `apt-get update` and the first and second commands of README.md's first ```sh
# block, exactly, in a chroot: the main job on samples/, then every test suite (scripts/test.sh,
# without the sanitizer and bare suites). Then the install step (`bash scripts/bootstrap.sh
# --install`): `once` and its man page on PATH.
#
# Why: the developers' machines have every build dependency preinstalled, so a missing package in
# scripts/bootstrap.sh (cmake for doctest, pkg-config) went unnoticed while CI stayed green. The
# second command runs too because a test can depend on the machine as well: one read the source
# tree as user nobody, which fails under root's 0700 home, where a new user runs the README.
#
# Usage: tests/bare_debian/run.sh [SOURCE_ROOT]          (needs root: debootstrap, mount, chroot)
#   ONCE_BARE_CACHE   where the base system's tarball is kept (default /var/cache/once-bare), so a
#                     rerun skips the download of debootstrap's ~40 MB of packages
#   ONCE_BARE_MIRROR  Debian archive (default http://deb.debian.org/debian)
# Ends with one line `N passed, N failed` (scripts/test.sh counts it); exits 0 when the command
# succeeded and wrote its outputs, 1 when it failed, 77 (meson's "skipped") without root.
set -euo pipefail

source_root=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
cache=${ONCE_BARE_CACHE:-/var/cache/once-bare}
mirror=${ONCE_BARE_MIRROR:-http://deb.debian.org/debian}
tarball=$cache/bookworm-minbase.tar.gz
started=$SECONDS

if [[ $(id -u) -ne 0 ]]; then
    echo "bare_debian: skipped: needs root (debootstrap, mount, chroot)"
    exit 77
fi
if ! command -v debootstrap >/dev/null; then
    echo "bare_debian: debootstrap is not installed (scripts/bootstrap.sh --test installs it)"
    echo "0 passed, 1 failed"
    exit 1
fi

# The README's first and second commands: the first two lines of its first ```sh block that are
# not comments.
readme_command() {
    awk -v want="$1" '/^```sh$/ {inside = 1; next} inside && /^```/ {exit}
        inside && !/^[[:space:]]*(#|$)/ {if (++seen == want) {print; exit}}' "$source_root/README.md"
}
command=$(readme_command 1)
test_command=$(readme_command 2)
if [[ -z $command || -z $test_command ]]; then
    echo "bare_debian: the first \`\`\`sh block of README.md does not hold two commands"
    echo "0 passed, 1 failed"
    exit 1
fi

work=$(mktemp -d /var/tmp/once-bare.XXXXXX)
chroot_dir=$work/root
mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" || true
    done
    # --one-file-system: should an unmount have failed, never descend into the host's /dev.
    if ! grep -q " $work/" /proc/mounts; then rm -rf --one-file-system "$work"; fi
}
trap cleanup EXIT
step() { echo "bare_debian: [$((SECONDS - started)) s] $*"; }

mkdir -p "$cache"
if [[ ! -s $tarball ]]; then
    step "downloading a minbase bookworm from $mirror into $tarball"
    debootstrap --variant=minbase --make-tarball="$work/base.tar.gz" bookworm "$work/make" "$mirror" \
        >"$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log"; echo "0 passed, 1 failed"; exit 1; }
    mv "$work/base.tar.gz" "$tarball"
    rm -rf --one-file-system "$work/make"
fi
step "unpacking the base system"
debootstrap --variant=minbase --unpack-tarball="$tarball" bookworm "$chroot_dir" "$mirror" \
    >"$work/debootstrap.log" 2>&1 || { tail -30 "$work/debootstrap.log"; echo "0 passed, 1 failed"; exit 1; }

step "copying the working tree (git ls-files) to /root/once"
mkdir -p "$chroot_dir/root/once"
if git -C "$source_root" rev-parse --git-dir >/dev/null 2>&1; then
    (cd "$source_root" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$chroot_dir/root/once"
else
    (cd "$source_root" && tar --exclude='./build*' -cf - .) | tar -xf - -C "$chroot_dir/root/once"
fi
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf" 2>/dev/null || true

for target in proc dev dev/pts; do
    mkdir -p "$chroot_dir/$target"
    case $target in
        proc) mount -t proc proc "$chroot_dir/proc" ;;
        *) mount --bind "/$target" "$chroot_dir/$target" ;;
    esac
    mounted+=("$chroot_dir/$target")
done

in_chroot() {
    chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM=dumb /bin/bash -c "$1"
}

passed=0
failed=0
# check DESCRIPTION COMMAND: runs COMMAND in the chroot and counts it as one passed or failed check.
check() {
    if in_chroot "$2"; then
        step "ok: $1"
        passed=$((passed + 1))
    else
        step "FAILED: $1"
        failed=$((failed + 1))
    fi
}

step "apt-get update"
in_chroot "apt-get update -qq" || { echo "bare_debian: apt-get update failed"; echo "0 passed, 1 failed"; exit 1; }

step "README's first command: $command"
check "the README's first command wrote cleaned/ and cleaned.map.jsonl" \
    "cd /root/once && $command && test -s cleaned.map.jsonl && test -d cleaned"

step "README's second command: $test_command"
check "the README's second command ran every test suite and none failed" \
    "cd /root/once && $test_command"

step "install: bash scripts/bootstrap.sh --install; once --version; the man page"
check "once and once.1 installed under /usr/local" \
    "cd /root/once && bash scripts/bootstrap.sh --install && cd / && once --version &&
     test -s /usr/local/share/man/man1/once.1"

step "done"
echo "$passed passed, $failed failed"
((failed == 0))
