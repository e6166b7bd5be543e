package fr.klub.benchmark;

import java.util.concurrent.locks.LockSupport;

/** Waiting between polls of something outside this JVM (a service, the database). */
final class Pause {

    private Pause() {
    }

    static void millis(long millis) {
        LockSupport.parkNanos(millis * 1_000_000L);
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted");
        }
    }
}
