#!/usr/bin/env bash
# Runs datasketch's MinHashLSH on the first N problems of FILE (installs datasketch from PyPI
# into a throw-away virtual environment; nothing else is installed).
# Usage: Benchmarks/scripts/compare-datasketch.sh FILE [N]
set -euo pipefail
file="$1"; n="${2:-100000}"
venv="${TMPDIR:-/tmp}/kg-bench-datasketch"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet datasketch
fi
exec "$venv/bin/python" "$(dirname "$0")/datasketch-dedup.py" "$file" "$n"
