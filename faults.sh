#!/usr/bin/env bash
# ./faults.sh — the fault checks: a command-service killed (kill -9) mid-rush and restarted, the
# database stopped for a few seconds under load, the query and notification services stopped and
# restarted during a rush (--only=abc picks some; the others keep their last results). Each checks that nothing is lost or duplicated and writes
# docs/faults.json and the table in docs/faults.md (≈ 10 min on 2 cores). Options: --no-build.
set -euo pipefail
cd "$(dirname "$0")"
exec ./benchmark.sh faults "$@"
