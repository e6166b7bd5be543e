package fr.klub.platform.correlation;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import fr.klub.platform.security.CurrentUser;
import fr.klub.platform.security.KlubUser;
import org.axonframework.messaging.MetaData;

/**
 * Metadata for a command sent on behalf of the current HTTP request:
 * {@code actor} = account id, {@code role}, {@code correlationId} = the request's server-generated
 * correlation id, {@code requestId} = its X-Request-Id ({@link RequestIds}).
 * <pre>{@code
 * commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
 *                                                 .andMetaData(CommandMetadata.forCurrentRequest()));
 * }</pre>
 * Sending through the gateway without it is fine too: {@link CorrelationDispatchInterceptor} fills
 * in whatever key is missing the same way.
 */
public final class CommandMetadata {

    private CommandMetadata() {
    }

    /** The authenticated user's metadata, or the system's when nobody is authenticated on this thread. */
    public static MetaData forCurrentRequest() {
        Optional<KlubUser> user = CurrentUser.find();
        String correlationId = RequestIds.currentCorrelationId().orElseGet(() -> UUID.randomUUID().toString());
        MetaData metaData = user.map(u -> of(u, correlationId)).orElseGet(() -> system(correlationId));
        return RequestIds.current().map(requestId -> metaData.and(CorrelationKeys.REQUEST_ID, requestId)).orElse(metaData);
    }

    public static MetaData of(KlubUser user, String correlationId) {
        Map<String, Object> values = new HashMap<>(4);
        values.put(CorrelationKeys.ACTOR, user.accountId().toString());
        values.put(CorrelationKeys.ROLE, user.role().name());
        values.put(CorrelationKeys.CORRELATION_ID, correlationId);
        return MetaData.from(values);
    }

    /** For commands the system sends by itself (scheduled jobs, start-up tasks). */
    public static MetaData system(String correlationId) {
        Map<String, Object> values = new HashMap<>(4);
        values.put(CorrelationKeys.ACTOR, CorrelationKeys.SYSTEM_ACTOR);
        values.put(CorrelationKeys.ROLE, CorrelationKeys.SYSTEM_ROLE);
        values.put(CorrelationKeys.CORRELATION_ID, correlationId);
        return MetaData.from(values);
    }
}
