#!/usr/bin/env bash
# Installs what once needs from Debian's packages (only what is missing) and builds it.
#   scripts/bootstrap.sh          build dependencies, then build (release) into ./build
#   scripts/bootstrap.sh --test   also what the tests need (SARIF schema validator, Chromium, zstd)
# Needs root (or sudo) only when something must be installed.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ meson ninja-build pkg-config python3 libxxhash-dev libboost-program-options-dev doctest-dev
          libutf8proc-dev libre2-dev libsimdjson-dev libzstd-dev zlib1g-dev libdeflate-dev nlohmann-json3-dev)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(python3-jsonschema chromium zstd gzip)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  run_as_root=()
  [[ $(id -u) -eq 0 ]] || run_as_root=(sudo)
  "${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -f build/build.ninja ]]; then
  meson setup build --buildtype=release >/dev/null
fi
ninja -C build >/dev/null
echo "bootstrap: built build/src/once" >&2
