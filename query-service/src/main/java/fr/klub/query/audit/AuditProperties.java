package fr.klub.query.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tuning of the auditors' features ({@code klub.audit.*}).
 *
 * @param gapTimeout     a missing global index younger than this is taken for a transaction still in
 *                       flight, and no reader goes past it; older, for a rolled-back one
 * @param scanBudget     most events one filtered page request reads before it hands back a cursor
 * @param pageSize       rows per keyset page for the export and the verification replay
 * @param settleTimeout  how long the verification waits for the live read models to catch up
 *                       with the history before it declares them different
 */
@ConfigurationProperties("klub.audit")
record AuditProperties(Duration gapTimeout, Integer scanBudget, Integer pageSize, Duration settleTimeout) {

    AuditProperties {
        gapTimeout = gapTimeout == null ? Duration.ofSeconds(10) : gapTimeout;
        scanBudget = scanBudget == null ? 20_000 : scanBudget;
        pageSize = pageSize == null ? 1_000 : pageSize;
        settleTimeout = settleTimeout == null ? Duration.ofSeconds(10) : settleTimeout;
        if (scanBudget < 1 || pageSize < 1) {
            throw new IllegalArgumentException("klub.audit.scan-budget and page-size must be positive");
        }
    }
}
