#!/usr/bin/env bash
# Mutation testing with PIT: how many deliberately broken copies of the code the tests catch.
# Not part of ./mvnw verify (it costs minutes of CPU); the target it checks is in docs/mutation-testing.md.
#
#   ./mutation.sh            core-domain (fails under 85 %), then the query-service's projections and audit replay
#   ./mutation.sh domain     core-domain only
#   ./mutation.sh query      the query-service's projections and audit replay only
#
# Reports: core-domain/target/pit-reports/index.html, query-service/target/pit-reports/index.html
set -euo pipefail
cd "$(dirname "$0")"
what="${1:-all}"
pit="org.pitest:pitest-maven:mutationCoverage"

if [[ "$what" == all || "$what" == domain ]]; then
  # The concurrency test races real threads: under mutation it only times out, and the rules it
  # covers are killed by the given/when/then fixtures.
  ./mvnw -B -pl core-domain test-compile "$pit" \
    -DtargetClasses='fr.klub.domain.*' \
    -DexcludedTestClasses='fr.klub.domain.booking.ConcurrentBookingTest' \
    -DmutationThreshold=85
fi

if [[ "$what" == all || "$what" == query ]]; then
  ./mvnw -B -q -pl query-service -am -DskipTests install
  # Only the plain-object tests (events in, read model or report out): the Spring and database
  # tests would take hours under mutation.
  ./mvnw -B -pl query-service test-compile "$pit" \
    -DtargetClasses='fr.klub.query.planning.PlanningProjection*,fr.klub.query.agenda.AgendaProjection*,fr.klub.query.demande.DemandeProjection*,fr.klub.query.family.FamilyProjection*,fr.klub.query.programme.ProgrammeProjection*,fr.klub.query.audit.replay.*' \
    -DtargetTests='fr.klub.query.*.*ProjectionTest,fr.klub.query.audit.replay.*Test,fr.klub.query.audit.offline.*Test'
fi
