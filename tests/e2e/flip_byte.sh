#!/usr/bin/env bash
# flip_byte.sh FILE [OFFSET] — flips the lowest bit of one byte of FILE in place (default: the
# middle byte), as a disk or a copy might; for the e2e cases of damaged shard files.
set -euo pipefail
file=$1
size=$(stat -c %s "$file")
at=${2:-$((size / 2))}
byte=$(od -An -tu1 -j "$at" -N1 "$file" | tr -d ' ')
printf "\\x$(printf %02x $((byte ^ 1)))" | dd of="$file" bs=1 seek="$at" conv=notrunc status=none
