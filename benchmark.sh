#!/usr/bin/env bash
# ./benchmark.sh — measure KLUB against the physical floor (the module lives in benchmark/).
#
#   ./benchmark.sh                build, then the full benchmark (≈ 11 min on a quiet 2-core machine):
#                                 writes docs/benchmark.json and the table in docs/benchmark.md
#   ./benchmark.sh --scale=small  a quick smoke run (writes benchmark/target/benchmark-small.*)
#   ./benchmark.sh --scale=rush   full rush and lag phases, few bursts, small history (profiling)
#   ./benchmark.sh faults         the fault checks, same as ./faults.sh
#   ./benchmark.sh lottery        the lottery's draw: 5,000 families x 2 children x 6 wishes, fairness
#                                 figures (--allocation-only: the allocation alone, no services)
#   ./benchmark.sh clicks         the click path under several group-commit settings, one after the other
#                                 (-Dbenchmark.clicks-configs="off;window=1ms,max-size=32;…"): hot session and
#                                 rush against the JDBC floor, CPU per click (benchmark/target/benchmark-clicks.*)
#   ./benchmark.sh grid           the grid polling after a restart of the query-service alone: the rush's
#                                 parents signed in through the provider (benchmark/target/benchmark-grid-*.json)
#   ./benchmark.sh portal         the parents' portal alone: signed-in parents loading and clicking
#                                 their planning page (docs/benchmark-portal.json; --scale=small too)
#   ./benchmark.sh privacy        what the personal data encryption costs (serializer path, on vs off;
#                                 -Dbenchmark.privacy-events=N in BENCHMARK_JAVA_OPTS for the history size)
#   ./benchmark.sh replay         the replay alone: every read model rebuilt from a synthetic history
#                                 (-Dbenchmark.replay-events=N, -Dbenchmark.replay-rounds=R, and
#                                 -Dbenchmark.replay-compare-jar=<query-service exec jar> for a before/after pair)
#   BENCHMARK_JAVA_OPTS="-Xmx2g -Dbenchmark.skip-lottery=true"   the full run without its lottery phase
#   BENCHMARK_ENCRYPTION=off      run the services without sealing personal values (the comparison only)
#   --no-build                    use the jars already in */target
#
# Starts its own PostgreSQL 17 (embedded binary, fsync on) and SMTP sink, and the three services
# as separate JVMs from their executable jars (prod profile). Needs only a JDK 17+ and free ports.
# Work files and service logs: benchmark/target/run/. Environment: BENCHMARK_JAVA_OPTS (client JVM).
set -euo pipefail
cd "$(dirname "$0")"

build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$arg") ;;
  esac
done

if $build; then
  echo "Building the services and the benchmark (./mvnw -q -DskipTests package)..."
  ./mvnw -B -q -DskipTests -pl command-service,query-service,notification-service,identity-service,portal,benchmark -am package
fi

# shellcheck disable=SC2086 # BENCHMARK_JAVA_OPTS is a list of options
exec java ${BENCHMARK_JAVA_OPTS:--Xmx2g} -Dklub.root="$(pwd)" \
  -jar benchmark/target/benchmark-0.1.0-SNAPSHOT-exec.jar "${args[@]}"
