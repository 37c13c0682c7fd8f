#!/usr/bin/env bash
# Regenerates the example maps in viz/ from the default knowledge base.
# Run from the repository root after `bash scripts/quickstart.sh` (which builds kg and ./kg.sqlite).
set -euo pipefail
cd "$(dirname "$0")/.."
kg=.build/release/kg
[ -x "$kg" ] || swift build -c release --product kg
[ -f kg.sqlite ] || $kg init --default
# The whole knowledge base as a topic map (dot layout, topics framed with their top KPs).
$kg render --overview -o viz/overview.svg
$kg render --overview -o viz/overview.png
$kg render --overview -o viz/overview.dot
# One topic's ego network: the topic, every concept that co-occurs with it, the edges among them.
$kg render 'topic "Geometry" | ego 1' -o viz/geometry-ego.svg
$kg render 'topic "Geometry" | ego 1' -o viz/geometry-ego.png
# The strongest path from a grade-4 Common Core knowledge point to a competition one
# (edge cost 1/count, see docs/query.md), coloured by level.
$kg render 'kp "Factor pairs of whole numbers up to 100" | path to "modular arithmetic rules"' --color-by level -o viz/path.svg
$kg render 'kp "Factor pairs of whole numbers up to 100" | path to "modular arithmetic rules"' --color-by level -o viz/path.png
# The coverage heatmap of the default knowledge base (PNG converted from the SVG with rsvg-convert).
$kg coverage --chart viz/coverage.svg > /dev/null
if command -v rsvg-convert > /dev/null; then rsvg-convert viz/coverage.svg -o viz/coverage.png; fi
