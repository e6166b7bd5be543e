package fr.klub.query.audit.history;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event exactly as the event store holds it, in the shape auditors read and export.
 * {@code type} is the payload's simple class name; {@code payloadType} and {@code payloadRevision}
 * are kept so that an export can be decoded again without the live system.
 */
public record StoredEvent(
        long globalIndex,
        String eventIdentifier,
        String aggregateId,
        String aggregateType,
        long sequenceNumber,
        String type,
        String payloadType,
        String payloadRevision,
        Instant timestamp,
        JsonNode payload,
        EventOrigin metadata) {

    /** The simple name of a fully qualified payload class name. */
    public static String simpleName(String payloadType) {
        if (payloadType == null) {
            return null;
        }
        int dot = payloadType.lastIndexOf('.');
        int dollar = payloadType.lastIndexOf('$');
        return payloadType.substring(Math.max(dot, dollar) + 1);
    }
}
