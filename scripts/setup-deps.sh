#!/usr/bin/env bash
# Install the Debian 12 packages tpusim needs, if any is missing.
# Runs apt-get as root (directly, or through sudo when available).
# clang and libclang-rt-14-dev (libFuzzer) serve the libfuzzer preset only;
# flatbuffers-compiler and libflatbuffers-dev, `tpusim model` (docs/models.md)
# and the vendor runtime's clients, which also need zlib1g-dev (cnpy's .npz
# files; docs/clients-build.md).  lld links the project's programs in less
# than half of GNU ld's time (CMakeLists.txt, TPUSIM_LINKER).
set -euo pipefail

PKGS=(build-essential cmake ninja-build pkg-config libsystemc-dev verilator check libyaml-dev patch linux-headers-amd64 sparse clang libclang-rt-14-dev flatbuffers-compiler libflatbuffers-dev zlib1g-dev lld)

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    echo "setup: need root to install: ${missing[*]}" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
