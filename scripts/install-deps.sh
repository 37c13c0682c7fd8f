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
if ! python3 -c "import networkx" >/dev/null 2>&1; then
  echo "installing: networkx (PyPI)"
  python3 -m pip install --quiet networkx
fi
