#!/usr/bin/env bash
# Installs what kg builds and tests against (run as root): SQLite and Graphviz from Debian
# (graphviz brings the layout and output plugins libgvc loads at run time), and NetworkX,
# which a test uses to check that kg's GraphML loads.
set -euo pipefail
packages=(libsqlite3-dev libgraphviz-dev graphviz pkg-config)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
# NetworkX is only for a test of the GraphML export: a failure here warns, never stops.
if ! command -v python3 >/dev/null 2>&1; then
  echo "installing: python3 python3-networkx"
  apt-get update -qq || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-networkx || true
elif ! python3 -c "import networkx" >/dev/null 2>&1; then
  echo "installing: networkx (PyPI)"
  python3 -m pip install --quiet networkx 2>/dev/null \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-networkx || true
fi
python3 -c "import networkx" >/dev/null 2>&1 \
  || echo "warning: python3 cannot import networkx; the GraphML export test will be skipped" >&2
