#!/bin/bash
# The browser suite N times in a row (default 10) while one busy process per core competes for
# the CPU, stopping at the first failure: a test that waits for time instead of a state fails
# here long before it fails at random in CI.  Usage: tools/browser-under-load.sh [N]
set -u
cd "$(dirname "$0")/.."
runs=${1:-10}
mkdir -p test-artifacts
hogs=()
for _ in $(seq "$(nproc)"); do yes > /dev/null & hogs+=($!); done
trap 'kill "${hogs[@]}" 2>/dev/null' EXIT
for i in $(seq "$runs"); do
  start=$(date +%s)
  if ! .venv/bin/python -m pytest tests/browser -n 2 -q -p no:cacheprovider > "test-artifacts/under-load-$i.log" 2>&1; then
    echo "run $i of $runs FAILED after $(( $(date +%s) - start )) s: test-artifacts/under-load-$i.log"
    exit 1
  fi
  echo "run $i of $runs passed in $(( $(date +%s) - start )) s, load average $(cut -d' ' -f1 /proc/loadavg): $(tail -1 "test-artifacts/under-load-$i.log")"
done
