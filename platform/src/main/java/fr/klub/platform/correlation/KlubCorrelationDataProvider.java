package fr.klub.platform.correlation;

import java.util.HashMap;
import java.util.Map;

import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

/**
 * Copies who did it (actor, role), the request's correlation id and request id from the message being handled
 * onto every message it causes — above all the events an aggregate applies.
 * <p>
 * Being a {@code CorrelationDataProvider} bean, it replaces Axon's default
 * {@code MessageOriginProvider}, which would overwrite {@code correlationId} with the command's
 * message identifier and lose the HTTP request id.
 * <p>
 * A deadline firing (a draft's expiry) is the system's doing, whoever set it up: actor
 * {@value CorrelationKeys#SYSTEM_ACTOR}, role {@value CorrelationKeys#SYSTEM_ROLE}; the correlation
 * id of the request that scheduled it is kept, so the expiry can be traced back.
 */
public class KlubCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        MetaData metaData = message.getMetaData();
        Map<String, Object> data = new HashMap<>(4);
        if (message instanceof DeadlineMessage<?>) {
            data.put(CorrelationKeys.ACTOR, CorrelationKeys.SYSTEM_ACTOR);
            data.put(CorrelationKeys.ROLE, CorrelationKeys.SYSTEM_ROLE);
        } else {
            copy(metaData, CorrelationKeys.ACTOR, data);
            copy(metaData, CorrelationKeys.ROLE, data);
        }
        copy(metaData, CorrelationKeys.CORRELATION_ID, data);
        copy(metaData, CorrelationKeys.REQUEST_ID, data);
        return data;
    }

    private static void copy(MetaData from, String key, Map<String, Object> to) {
        Object value = from.get(key);
        if (value != null) {
            to.put(key, value);
        }
    }
}
