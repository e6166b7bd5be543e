package fr.klub.platform.eventstore;

/**
 * Tells the other JVMs sharing the database that events were stored, and hears when they did, so
 * that their embedded event stores read them at once instead of at their next poll.
 * docs/decisions/read-side-opening.md.
 */
interface EventSignal extends AutoCloseable {

    /** No signal (H2): the stores find each other's events by polling. */
    EventSignal NONE = new EventSignal() {
        @Override
        public void stored() {
        }

        @Override
        public boolean isLive() {
            return false;
        }

        @Override
        public void close() {
        }
    };

    /** Events were committed by this JVM: tell the others (soon, off the committing thread). */
    void stored();

    /** Whether other JVMs' events are heard of (the store may then poll rarely). */
    boolean isLive();

    @Override
    void close();
}
