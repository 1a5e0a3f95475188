#!/usr/bin/env bash
# Installs what once needs from Debian 12's packages (only what is missing) and builds it.
#   scripts/bootstrap.sh            build dependencies, then build (release) into ./build
#   scripts/bootstrap.sh --test     also what the tests need (doctest, SARIF schema validator,
#                                   Chromium, zstd, debootstrap for tests/bare_debian) and a build
#                                   with the tests turned on (-Dtests=enabled)
#   scripts/bootstrap.sh --install  also help2man, then installs `once` and its man page into
#                                   /usr/local (meson install; PREFIX=/opt/once to change it)
# Works on a bare `debootstrap --variant=minbase bookworm` (tests/bare_debian/run.sh proves it).
# Needs root (or sudo) only when something must be installed. The build's own output is shown
# when it fails, so a missing dependency names itself.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case $mode in
    "" | --test | --install) ;;
    *) echo "usage: scripts/bootstrap.sh [--test | --install]" >&2; exit 2 ;;
esac

packages=(g++ meson ninja-build pkg-config python3 libxxhash-dev libboost-program-options-dev
          libutf8proc-dev libre2-dev libsimdjson-dev libzstd-dev zlib1g-dev libdeflate-dev nlohmann-json3-dev)
[[ $mode == --test ]] && packages+=(doctest-dev python3-jsonschema chromium zstd gzip git debootstrap help2man)
[[ $mode == --install ]] && packages+=(help2man)

run_as_root=()
[[ $(id -u) -eq 0 ]] || run_as_root=(sudo)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  "${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  log=$(mktemp)
  if ! "${run_as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
       apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"
    echo "bootstrap: apt-get install failed (output above)" >&2
    exit 1
  fi
  rm -f "$log"
fi

# Quiet when all goes well; the whole output when it does not.
quietly() {
  local log status=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || status=$?
  if ((status != 0)); then
    cat "$log" >&2
    echo "bootstrap: failed (exit $status): $*" >&2
  fi
  rm -f "$log"
  return $status
}

tests=disabled
[[ $mode == --test ]] && tests=enabled
if [[ ! -f build/build.ninja ]]; then
  quietly meson setup build --buildtype=release -Dtests=$tests
elif [[ $mode == --test ]]; then
  quietly meson configure build -Dtests=enabled
fi
quietly ninja -C build
echo "bootstrap: built build/src/once" >&2

if [[ $mode == --install ]]; then
  # -Dman=enabled: a build set up before help2man was installed looks for it again.
  quietly meson configure build -Dman=enabled ${PREFIX:+--prefix="$PREFIX"}
  quietly ninja -C build
  quietly "${run_as_root[@]}" meson install -C build --no-rebuild
  echo "bootstrap: installed once and its man page under $(meson introspect build --buildoptions |
       python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')" >&2
fi
