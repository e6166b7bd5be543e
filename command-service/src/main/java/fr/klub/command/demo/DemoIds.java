package fr.klub.command.demo;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Fixed identifiers of the demo data, derived from names (UUID v3): the same on every machine and
 * every start, so that loading twice finds what the first load created, and the README can name
 * them.
 */
final class DemoIds {

    private DemoIds() {
    }

    static UUID of(String name) {
        return UUID.nameUUIDFromBytes(("klub-demo/" + name).getBytes(StandardCharsets.UTF_8));
    }
}
