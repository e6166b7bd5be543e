package fr.klub.command.retention;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The retention rule (prefix {@code klub.retention}): a family with no reservation for {@code period} is erased.
 *
 * @param enabled       whether the job runs in this instance's scheduler (the dry run is shown either way)
 * @param period        how long a family is kept after its last reservation (ISO-8601, default {@code P3Y})
 * @param checkInterval how often the job looks for families due
 * @param batchSize     at most this many families erased per run (the next run takes the rest)
 */
@ConfigurationProperties("klub.retention")
record RetentionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("P3Y") Period period,
                           @DefaultValue("PT6H") Duration checkInterval, @DefaultValue("100") int batchSize) {
}
