#!/usr/bin/env bash
# Installs the Debian 12 packages mimetool needs to build and test. Idempotent: does nothing when
# everything is already there. Run as root (or through sudo).
set -euo pipefail
packages=(g++ cmake make pkg-config python3 libicu-dev libgtest-dev libboost-program-options-dev
          nlohmann-json3-dev libssl-dev libmagic-dev liblzma-dev libbz2-dev zlib1g-dev media-types doxygen
          clang-14 libclang-rt-14-dev llvm-14 valgrind)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
