package fr.klub.query.projection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code klub_projection_dead_letters{readModel}} on /actuator/prometheus: events a read model
 * set aside. Alert on &gt; 0: the read model misses them until staff retry after a fix.
 */
@Component
class DeadLetterMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;

    DeadLetterMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : ReadModels.ALL) {
            Gauge.builder("klub.projection.dead.letters", jdbc, db -> count(db, group))
                    .tag("readModel", ReadModels.shortName(group))
                    .description("Events the read model set aside (dead letters), to retry after a fix")
                    .register(registry);
        }
    }

    private static double count(JdbcTemplate jdbc, String group) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_entry WHERE processing_group = ?",
                Long.class, group);
        return count == null ? 0 : count;
    }
}
