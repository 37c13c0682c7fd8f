#!/usr/bin/env bash
# Long runs of kg's fault tests and fuzz targets, ending with the figures table of
# docs/reliability.md.
#
#   scripts/soak.sh                      # 100 kills per crash test, 1M fuzz inputs per parser
#   KILLS=1000 FUZZ=5000000 scripts/soak.sh
#   SANITIZE=address scripts/soak.sh     # the fuzz run built with AddressSanitizer
#
# The crash, concurrency, hostile-name, broken-file and resource-bound tests are the suite's
# own (Tests/kgTests), run with KG_SOAK_CASES raised; the fuzz run is `kg-bench fuzz`.
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${KILLS:-100}
FUZZ=${FUZZ:-1000000}
LOG=${LOG:-$(mktemp -d)}
mkdir -p "$LOG"

echo "== building (logs in $LOG)"
swift build --build-tests >"$LOG/build.log" 2>&1

echo "== fault tests, $KILLS cases each"
KG_SOAK_CASES=$KILLS swift test --skip-build \
    --filter 'CrashSafetyCLITests|ConcurrencyCLITests|HostileNamesCLITests|BrokenFilesCLITests|ResourceBoundsCLITests|FuzzSubsetTests' \
    >"$LOG/tests.log" 2>&1 && tests=passed || tests=FAILED
echo "   tests $tests"

echo "== kg-bench fuzz, $FUZZ inputs per parser"
flags=(-c release)
if [ -n "${SANITIZE:-}" ]; then
    # A build of its own, so the plain release build stays as it is.
    flags+=(-Xswiftc "-sanitize=$SANITIZE" --scratch-path "${TMPDIR:-/tmp}/kg-bench-$SANITIZE" --product kg-bench)
fi
(cd Benchmarks && swift build "${flags[@]}" >"$LOG/bench-build.log" 2>&1)
bench=$(cd Benchmarks && swift build "${flags[@]}" --show-bin-path)/kg-bench
"$bench" fuzz --inputs "$FUZZ" >"$LOG/fuzz.log" 2>"$LOG/fuzz.err" && fuzz=passed || fuzz=FAILED
echo "   fuzz $fuzz"

echo
echo "| class | cases | failures | detail |"
echo "|---|---:|---:|---|"
grep -h '^reliability' "$LOG/tests.log" | awk -F'\t' '{ printf "| %s | %s | %s | %s |\n", $2, $3, $4, $5 }'
awk -F'\t' 'NR > 1 && NF >= 6 { printf "| fuzz %s (kg-bench) | %s | %s | accepted %s, rejected %s, %s inputs/s |\n", $1, $2, $5, $3, $4, $7 }' "$LOG/fuzz.log"
[ "$tests" = passed ] && [ "$fuzz" = passed ]
