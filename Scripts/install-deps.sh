#!/usr/bin/env bash
# Installs the Debian packages named as arguments when some are missing.
# As root with apt-get it installs them; elsewhere it prints the exact command and stops.
set -euo pipefail
missing=()
for package in "$@"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} with apt-get..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  echo "error: unrolled needs these packages: ${missing[*]}" >&2
  if command -v apt-get >/dev/null; then
    echo "Install them with:  sudo apt-get install ${missing[*]}" >&2
  else
    echo "On Debian or Ubuntu: sudo apt-get install ${missing[*]}; on macOS: brew install cmark openblas pkg-config" >&2
  fi
  exit 1
fi
