#!/usr/bin/env bash
# One command from a fresh checkout to a working knowledge base: installs the system
# packages, builds kg in release mode, builds the default knowledge base from data/seeds,
# shows its statistics, and runs the main job on it: sampling concept combinations.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release --product kg
kg=.build/release/kg
$kg init --default --force
$kg stats
echo
echo "five concept combinations for a problem generator (kg sample -n 5 --seed 1):"
$kg sample -n 5 --seed 1
