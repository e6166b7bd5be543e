package fr.klub.query.warmup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fr.klub.platform.security.ProviderKeys;

/**
 * Before readiness: the OpenID provider's key set, so that the parents' first bearer requests after
 * a start do not all wait behind its fetch (measured: up to a second, docs/decisions/read-side-opening.md).
 * A provider that does not answer delays nothing: the first bearer request will fetch the keys.
 */
@Component
class ProviderKeysWarmUp implements WarmUpStep {

    private static final Logger log = LoggerFactory.getLogger(ProviderKeysWarmUp.class);

    private final ProviderKeys keys;

    ProviderKeysWarmUp(ProviderKeys keys) {
        this.keys = keys;
    }

    @Override
    public String name() {
        return "OpenID provider's keys";
    }

    @Override
    public void warmUp() {
        if (!keys.fetch()) {
            log.info("OpenID provider's keys not fetched before readiness (no provider configured, or it did not answer)");
        }
    }
}
