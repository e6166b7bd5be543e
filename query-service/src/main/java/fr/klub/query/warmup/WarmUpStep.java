package fr.klub.query.warmup;

/**
 * Something to load or exercise before the service says it is ready (the read models have then
 * caught up with the history stored when it started).
 */
public interface WarmUpStep {

    /** Named in the readiness details and the start-up log. */
    String name();

    void warmUp() throws InterruptedException;
}
