#!/usr/bin/env bash
# Installs kg where a tool lives: the binary in PREFIX/bin, its data (seeds, curriculum,
# prompts, examples) in PREFIX/share/kg, where kg finds them from any folder.
#
#   bash scripts/install.sh                      # builds in release mode, installs to /usr/local
#   bash scripts/install.sh --prefix ~/.local
#   bash scripts/install.sh --prefix DIR --binary .build/debug/kg   # an already built binary
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=/usr/local
binary=""
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ -z "$binary" ]; then
  swift build -c release --product kg
  binary=.build/release/kg
fi
mkdir -p "$prefix/bin" "$prefix/share/kg"
install -m 0755 "$binary" "$prefix/bin/kg"
for folder in seeds curriculum prompts examples benchmarks; do
  rm -rf "$prefix/share/kg/$folder"
  cp -R "data/$folder" "$prefix/share/kg/$folder"
done
echo "installed $prefix/bin/kg and its data in $prefix/share/kg"
