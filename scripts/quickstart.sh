#!/usr/bin/env bash
# One command from a fresh checkout to a working knowledge base: installs the system
# packages, builds kg in release mode, builds the default knowledge base from data/seeds,
# and runs the main job on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product kg
kg=.build/release/kg
$kg init --default --force
$kg stats
