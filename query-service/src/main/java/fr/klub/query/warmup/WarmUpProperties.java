package fr.klub.query.warmup;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The warm-up before readiness ({@code klub.query.warm-up.*}).
 *
 * @param catchUpWait the longest wait for the read models to apply the history stored when the
 *                    service started; after it the service warms up and says it is ready anyway
 *                    (a read model that lags that much is the projections' status page's business)
 */
@ConfigurationProperties("klub.query.warm-up")
record WarmUpProperties(Duration catchUpWait) {

    WarmUpProperties {
        catchUpWait = catchUpWait == null ? Duration.ofMinutes(5) : catchUpWait;
    }
}
