package fr.klub.notification.mailing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;

import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.notification.NotificationProcessor;
import fr.klub.notification.contacts.Contacts;
import fr.klub.notification.contacts.Contacts.RegisteredChild;
import fr.klub.notification.contacts.SessionFacts;
import fr.klub.notification.letters.DrawLine;
import fr.klub.notification.letters.LetterKind;
import fr.klub.notification.letters.LetterWriter;
import fr.klub.notification.outbox.NewNotification;
import fr.klub.notification.outbox.Outbox;

/**
 * The lottery's result letter (product.md §10): after a draw, one letter per family that entered,
 * listing what each child obtained and where it waits. Same group, same guarantees as
 * {@link MailingPolicy}: one log row per event and family, committed with the processor's token,
 * never written on a replay. {@code LotteryDrawn} names every family (its draw order), every
 * granted wish and every waitlisted one, so the letters need nothing else from the draw.
 */
@Component
@ProcessingGroup(NotificationProcessor.MAILS_GROUP)
@DisallowReplay
class LotteryMailing {

    private static final Comparator<DrawLine> LETTER_ORDER = Comparator.comparing(DrawLine::child)
            .thenComparing(DrawLine::date).thenComparing(DrawLine::period).thenComparing(DrawLine::activity);

    private final Contacts contacts;
    private final LetterWriter letters;
    private final Outbox outbox;
    private final FamilyMail mail;

    LotteryMailing(Contacts contacts, LetterWriter letters, Outbox outbox, FamilyMail mail) {
        this.contacts = contacts;
        this.letters = letters;
        this.outbox = outbox;
        this.mail = mail;
    }

    /**
     * A family or session set aside by the read model holds back the whole draw's letters (the
     * event is one): they are all written, once, when staff retry (docs/notifications.md).
     */
    @EventHandler
    void on(LotteryDrawn event, @MessageIdentifier String eventId) {
        Map<UUID, RegisteredChild> children = contacts.registeredChildren(Stream.concat(
                event.granted().stream().map(LotteryDrawn.Granted::childId),
                event.waitlisted().stream().map(LotteryDrawn.Waitlisted::childId)).toList());
        Map<UUID, UUID> demandeFamilies = contacts.familiesOfDemandes(
                event.granted().stream().map(LotteryDrawn.Granted::demandeId).toList());
        Map<UUID, Optional<SessionFacts>> sessions = new HashMap<>();
        Stream.concat(event.granted().stream().map(LotteryDrawn.Granted::sessionId),
                        event.waitlisted().stream().map(LotteryDrawn.Waitlisted::sessionId))
                .distinct().forEach(sessionId -> sessions.put(sessionId, contacts.session(sessionId)));
        requireContacts(event, sessions);

        Map<UUID, FamilyLines> byFamily = new LinkedHashMap<>();
        event.familyOrder().forEach(familyId -> byFamily.put(familyId, new FamilyLines()));
        for (LotteryDrawn.Granted grant : event.granted()) {
            UUID familyId = Optional.ofNullable(demandeFamilies.get(grant.demandeId()))
                    .orElseGet(() -> familyOf(children, grant.childId()));
            add(eventId, byFamily, familyId, grant.childId(), grant.sessionId(), null, children, sessions);
        }
        for (LotteryDrawn.Waitlisted wait : event.waitlisted()) {
            add(eventId, byFamily, familyOf(children, wait.childId()), wait.childId(), wait.sessionId(),
                    wait.position(), children, sessions);
        }

        Optional<String> programme = contacts.programmeTitle(event.programmeId());
        byFamily.forEach((familyId, family) -> {
            NewNotification notification = NewNotification.toFamily(eventId, LetterKind.LOTTERY_RESULT, familyId,
                    null, null);
            if (programme.isEmpty()) {
                outbox.recordUnbuildable(notification, "Programme inconnu du service des notifications.");
            } else if (family.unknownSession) {
                outbox.recordUnbuildable(notification, "Séance inconnue du service des notifications.");
            } else {
                List<DrawLine> lines = family.lines.stream().sorted(LETTER_ORDER).toList();
                mail.write(notification, to -> letters.lotteryResult(to, programme.get(), event.drawnAt(), lines));
            }
        });
    }

    private void requireContacts(LotteryDrawn event, Map<UUID, Optional<SessionFacts>> sessions) {
        List<UUID> ids = new ArrayList<>(event.familyOrder());
        ids.addAll(sessions.keySet());
        ids.add(event.programmeId());
        for (int from = 0; from < ids.size(); from += 500) {
            mail.requireContactsOf(ids.subList(from, Math.min(ids.size(), from + 500)).toArray(UUID[]::new));
        }
    }

    private void add(String eventId, Map<UUID, FamilyLines> byFamily, UUID familyId, UUID childId, UUID sessionId,
                     Integer position, Map<UUID, RegisteredChild> children, Map<UUID, Optional<SessionFacts>> sessions) {
        if (familyId == null) {
            outbox.recordUnbuildable(new NewNotification(eventId, LetterKind.LOTTERY_RESULT, "child:" + childId,
                    null, null, sessionId), "Famille inconnue pour un enfant du tirage au sort.");
            return;
        }
        FamilyLines family = byFamily.computeIfAbsent(familyId, id -> new FamilyLines());
        Optional<SessionFacts> session = sessions.get(sessionId);
        if (session.isEmpty()) {
            family.unknownSession = true;
            return;
        }
        RegisteredChild child = children.get(childId);
        SessionFacts facts = session.get();
        family.lines.add(new DrawLine(child == null ? "votre enfant" : child.firstName(), facts.activity(),
                facts.date(), facts.period(), position));
    }

    private static UUID familyOf(Map<UUID, RegisteredChild> children, UUID childId) {
        RegisteredChild child = children.get(childId);
        return child == null ? null : child.familyId();
    }

    private static final class FamilyLines {
        private final List<DrawLine> lines = new ArrayList<>();
        private boolean unknownSession;
    }
}
