#!/usr/bin/env bash
# man_page.sh — the man page once.1, generated at build time (src/meson.build) so it cannot drift
# from the binary: help2man turns `once --help` and `once --version` into the page, and every
# command's own --help (its options, grouped, with defaults) is added as a section.
#
# Usage: scripts/man_page.sh HELP2MAN ONCE OUT
set -euo pipefail
help2man=$1
once=$2
out=$3
include=$(mktemp)
trap 'rm -f "$include"' EXIT
{
    echo "[COMMAND OPTIONS]"
    for command in clean scan check baseline learn sign merge apply; do
        echo ".SS \"once $command\""
        echo ".nf"
        # roff: a backslash is written \e; a line starting with . or ' would be a request.
        "$once" "$command" --help | sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"
        echo ".fi"
    done
} >"$include"
"$help2man" --no-info --no-discard-stderr --section=1 \
    --name="find duplicate and boilerplate passages in text and remove them" \
    --include="$include" --output="$out" "$once"
