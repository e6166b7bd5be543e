package fr.klub.query.audit.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;

/** The export format: one {@link StoredEvent} per line, as JSON, in global order. */
public final class Ndjson {

    public static final String MEDIA_TYPE = "application/x-ndjson";

    private Ndjson() {
    }

    public static void write(StoredEvent event, OutputStream out) {
        try {
            out.write(AuditJson.mapper().writeValueAsBytes(event));
            out.write('\n');
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** Reads every line of an export; blank lines are skipped, a malformed line stops the reading with its number. */
    public static void read(BufferedReader lines, Consumer<StoredEvent> action) throws IOException {
        String line;
        long number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            StoredEvent event;
            try {
                event = AuditJson.mapper().readValue(line, StoredEvent.class);
            } catch (JsonProcessingException malformed) {
                throw new IOException("Ligne " + number + " de l'export illisible : " + malformed.getOriginalMessage(),
                        malformed);
            }
            action.accept(event);
        }
    }
}
