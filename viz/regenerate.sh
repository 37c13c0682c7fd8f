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
# Screenshots of kg serve (headless Chromium from Debian's chromium package): the concept page
# of "Fractions" and the coverage page with the grade-5 fractions cell open.
if command -v chromium > /dev/null; then
  errors="$(mktemp)"
  $kg serve --port 0 2> "$errors" &
  server=$!
  trap 'kill $server 2> /dev/null; rm -f "$errors"' EXIT
  until grep -q "http://127.0.0.1:" "$errors"; do sleep 0.2; done
  base="$(grep -o 'http://127.0.0.1:[0-9]*' "$errors" | head -1)"
  concept="$(curl -s -o /dev/null -w '%{redirect_url}' "$base/search?q=Fractions")"
  profile="$(mktemp -d)"
  shoot() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" --screenshot="$1" --window-size="$2" "$3" 2> /dev/null; }
  shoot viz/serve-concept.png 1280,1500 "$concept"
  shoot viz/serve-coverage.png 1400,1300 "$base/coverage?band=grade-5&strand=fractions#cell"
  rm -rf "$profile"
fi
