package fr.klub.notification.deadletter;

import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import fr.klub.notification.NotificationProcessor;

/**
 * Runs every event handler of the notification processor inside a savepoint of the processor's
 * transaction. This is the one place where the notification-service works around PostgreSQL:
 * there, a failed statement aborts the whole transaction, so without the savepoint the
 * dead-letter insert and the token update of the batch would fail with it and the processor
 * would retry the same batch forever. Rolled back to its savepoint, the failing handler leaves
 * the transaction usable: its event goes to the dead-letter queue, the batch commits.
 * <p>
 * A handler that succeeds releases its savepoint (one round trip more per handled event; the
 * notification volume is small). Handlers of other classes are left as they are.
 */
public class SavepointPerHandler implements HandlerEnhancerDefinition {

    private static final Set<String> GROUPS = Set.of(NotificationProcessor.CONTACTS_GROUP,
            NotificationProcessor.MAILS_GROUP);
    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final ObjectProvider<PlatformTransactionManager> transactions;

    /** Lazy: handler definitions are built while the transaction manager may still be on its way. */
    public SavepointPerHandler(ObjectProvider<PlatformTransactionManager> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class) || !isNotificationHandler(original.declaringClass())) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                PlatformTransactionManager manager = transactions.getObject();
                TransactionStatus savepoint = manager.getTransaction(NESTED);
                Object result;
                try {
                    result = super.handle(message, target);
                } catch (Exception | Error failure) {
                    manager.rollback(savepoint);
                    throw failure;
                }
                manager.commit(savepoint);
                return result;
            }
        };
    }

    private static boolean isNotificationHandler(Class<?> type) {
        ProcessingGroup group = type == null ? null : type.getAnnotation(ProcessingGroup.class);
        return group != null && GROUPS.contains(group.value());
    }
}
