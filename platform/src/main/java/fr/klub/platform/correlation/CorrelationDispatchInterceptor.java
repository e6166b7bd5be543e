package fr.klub.platform.correlation;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;

/**
 * Makes sure every command leaving a gateway says who sent it: keys already present (explicit
 * metadata, or correlation data inherited from the message being handled) win; missing ones are
 * taken from the current HTTP request ({@link CommandMetadata#forCurrentRequest()}). Runs on the
 * sending thread, where the security context and the request id live.
 */
public class CorrelationDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            MetaData present = command.getMetaData();
            if (present.containsKey(CorrelationKeys.ACTOR)
                    && present.containsKey(CorrelationKeys.ROLE)
                    && present.containsKey(CorrelationKeys.CORRELATION_ID)) {
                return command;
            }
            MetaData defaults = CommandMetadata.forCurrentRequest();
            Map<String, Object> missing = new java.util.HashMap<>(defaults);
            missing.keySet().removeAll(present.keySet());
            return command.andMetaData(missing);
        };
    }
}
