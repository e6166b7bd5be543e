package fr.klub.command.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import fr.klub.command.demo.DemoFamilies.DemoBooking;
import fr.klub.command.demo.DemoFamilies.DemoFamily;
import fr.klub.command.demo.DemoFamilies.DemoWaiting;
import fr.klub.command.demo.DemoLottery.DemoEntry;
import fr.klub.command.demo.DemoLottery.DemoWish;
import fr.klub.command.demo.DemoProgramme.DemoSession;
import fr.klub.command.lottery.LotterySeeds;
import fr.klub.command.support.KlubProperties;
import fr.klub.domain.booking.JoinWaitlist;
import fr.klub.domain.demande.CreateDemande;
import fr.klub.domain.demande.Decision;
import fr.klub.domain.demande.DepositDemande;
import fr.klub.domain.demande.ReserveSession;
import fr.klub.domain.demande.ValidateDemande;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.RegisterFamily;
import fr.klub.domain.programme.Allocation;
import fr.klub.domain.programme.CreateProgramme;
import fr.klub.domain.programme.Lottery;
import fr.klub.domain.session.ChildQueued;
import fr.klub.domain.session.ScheduleSession;
import fr.klub.platform.correlation.CorrelationKeys;
import fr.klub.platform.demo.DemoLogins;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.Role;

/**
 * Loads the demo data of the dev run (product.md §8) at start-up, through the same commands as
 * real data, so that it is part of the event history like anything else; its events say who did
 * it: actor {@value #ACTOR}, role STAFF.
 * <p>
 * Only once: every identifier is fixed ({@link DemoIds}) and each step is skipped when its
 * aggregate or login already exists, so a restart adds nothing, and a start interrupted
 * half-way completes what is missing. Demo logins and data exist only with the {@code dev} profile
 * ({@code ProductionGuard} refuses the demo passwords in production).
 */
@Component
@Profile("dev")
@ConditionalOnProperty(name = "klub.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoDataLoader implements ApplicationRunner {

    static final String ACTOR = "demo-loader";

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final AccountService accounts;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final KlubProperties properties;
    private final LotterySeeds seeds;
    private final String nextDemandeNumberSql;
    private final SecureRandom random = new SecureRandom();
    private final MetaData origin = MetaData.from(Map.of(
            CorrelationKeys.ACTOR, ACTOR,
            CorrelationKeys.ROLE, Role.STAFF.name(),
            CorrelationKeys.CORRELATION_ID, "demo-data-" + UUID.randomUUID()));

    DemoDataLoader(CommandGateway commands, EventStore eventStore, AccountService accounts,
                   TransactionTemplate transaction, JdbcTemplate jdbc, DataSource dataSource, Clock clock,
                   KlubProperties properties, LotterySeeds seeds) throws MetaDataAccessException {
        this.commands = commands;
        this.eventStore = eventStore;
        this.accounts = accounts;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
        this.seeds = seeds;
        String product = JdbcUtils.extractDatabaseMetaData(dataSource, "getDatabaseProductName");
        this.nextDemandeNumberSql = product.toLowerCase().contains("postgres")
                ? "SELECT nextval('demande_number_seq')"
                : "SELECT NEXT VALUE FOR demande_number_seq";
    }

    @Override
    public void run(ApplicationArguments args) {
        DemoLogins logins = DemoLogins.load();
        int created = 0;
        created += staffLogin(logins.staff(), Role.STAFF);
        created += staffLogin(logins.auditor(), Role.AUDITOR);
        for (DemoFamily family : DemoFamilies.ALL) {
            created += family(family, logins.parent());
        }
        created += programme();
        for (DemoSession session : DemoProgramme.sessions()) {
            created += session(DemoProgramme.PROGRAMME_ID, session);
        }
        for (DemoBooking booking : DemoFamilies.BOOKINGS) {
            created += booking(booking, true);
        }
        created += booking(DemoFamilies.DEPOSITED, false);
        for (DemoWaiting waiting : DemoFamilies.WAITING) {
            created += waiting(waiting);
        }
        for (DemoBooking queued : DemoFamilies.QUEUE) {
            created += booking(queued, false);
        }
        created += lotteryProgramme();
        for (DemoSession session : DemoLottery.SESSIONS) {
            created += session(DemoLottery.PROGRAMME_ID, session);
        }
        for (DemoEntry entry : DemoLottery.ENTRIES) {
            created += lotteryEntry(entry);
        }
        if (created == 0) {
            log.info("Données de démonstration déjà présentes : rien à charger");
        } else {
            log.info("Données de démonstration chargées ({} éléments) par les commandes du domaine, acteur {}", created,
                    ACTOR);
        }
        printBanner(logins);
    }

    private int staffLogin(DemoLogins.Login login, Role role) {
        if (accounts.usernameExists(login.username())) {
            return 0;
        }
        accounts.createDemoAccount(login, role, null);
        return 1;
    }

    /** Like staff's registration: the parent login and the family commit together, or neither. */
    private int family(DemoFamily family, DemoLogins.Login parentLogin) {
        if (exists(family.familyId())) {
            return 0;
        }
        transaction.executeWithoutResult(status -> {
            if (family.parentLogin()) {
                accounts.createDemoAccount(parentLogin, Role.PARENT, family.familyId());
            }
            send(new RegisterFamily(family.familyId(), List.of(family.guardian()), family.children()));
        });
        return 1;
    }

    private int programme() {
        if (exists(DemoProgramme.PROGRAMME_ID)) {
            return 0;
        }
        send(new CreateProgramme(DemoProgramme.PROGRAMME_ID, DemoProgramme.TITLE, DemoProgramme.FIRST_DAY,
                DemoProgramme.LAST_DAY, DemoProgramme.MIN_AGE, DemoProgramme.MAX_AGE, DemoProgramme.BOOKING_OPENS_AT,
                DemoProgramme.BOOKING_CLOSES_AT, DemoProgramme.CANCELLATION_DEADLINE_DAYS, properties.town().zone()));
        return 1;
    }

    /**
     * The lottery programme, as staff create one: its seed kept in {@code lottery_seeds} first, only
     * the commitment in the history (a start interrupted after the seed reuses it).
     */
    private int lotteryProgramme() {
        if (exists(DemoLottery.PROGRAMME_ID)) {
            return 0;
        }
        String commitment = seeds.seedBytesOf(DemoLottery.PROGRAMME_ID).map(Lottery::commitmentOf)
                .orElseGet(() -> seeds.generate(DemoLottery.PROGRAMME_ID));
        send(new CreateProgramme(DemoLottery.PROGRAMME_ID, DemoLottery.TITLE, DemoLottery.FIRST_DAY,
                DemoLottery.LAST_DAY, DemoLottery.MIN_AGE, DemoLottery.MAX_AGE, DemoProgramme.BOOKING_OPENS_AT,
                DemoProgramme.BOOKING_CLOSES_AT, DemoProgramme.CANCELLATION_DEADLINE_DAYS, properties.town().zone(),
                Allocation.LOTTERY, DemoLottery.wishesCloseAt(clock.instant()), commitment));
        return 1;
    }

    /** A family's wishes as a parent records them in the window — draft, ranked clicks, deposit. */
    private int lotteryEntry(DemoEntry entry) {
        if (exists(entry.demandeId())) {
            return 0;
        }
        DemoFamily family = entry.family();
        send(new CreateDemande(entry.demandeId(), family.familyId(), DemoLottery.PROGRAMME_ID,
                family.children().stream().map(Child::childId).toList(), trackingToken(),
                properties.demande().draftTimeout(), clock.instant()));
        for (DemoWish wish : entry.wishes()) {
            send(new ReserveSession(entry.demandeId(), family.familyId(), wish.childId(), wish.session().sessionId(),
                    clock.instant(), wish.rank()));
        }
        send(new DepositDemande(entry.demandeId(), family.familyId(), nextDemandeNumber(), clock.instant()));
        return 1;
    }

    private int session(UUID programmeId, DemoSession session) {
        if (exists(session.sessionId())) {
            return 0;
        }
        send(new ScheduleSession(session.sessionId(), programmeId, session.activity(), session.date(),
                session.period(), session.capacity(), null));
        return 1;
    }

    /** A family's demande as a parent makes it — draft, one hold per child, deposit — then staff may accept it. */
    private int booking(DemoBooking booking, boolean accepted) {
        if (exists(booking.demandeId())) {
            return 0;
        }
        DemoFamily family = booking.family();
        List<UUID> children = family.children().stream().map(Child::childId).toList();
        send(new CreateDemande(booking.demandeId(), family.familyId(), DemoProgramme.PROGRAMME_ID, children,
                trackingToken(), properties.demande().draftTimeout(), clock.instant()));
        for (UUID child : children) {
            send(new ReserveSession(booking.demandeId(), family.familyId(), child, booking.sessionId(), clock.instant()));
        }
        send(new DepositDemande(booking.demandeId(), family.familyId(), nextDemandeNumber(), clock.instant()));
        if (accepted) {
            send(new ValidateDemande(booking.demandeId(), Decision.ACCEPTED, null, clock.instant()));
        }
        return 1;
    }

    /**
     * Queues the child unless it ever was in that waiting list: after the README's walk-through it
     * may have been offered the place or removed, and must not be queued again on a restart.
     */
    private int waiting(DemoWaiting waiting) {
        DomainEventStream stream = eventStore.readEvents(waiting.sessionId().toString(), 0);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof ChildQueued queued && queued.childId().equals(waiting.childId())) {
                return 0;
            }
        }
        send(new JoinWaitlist(waiting.sessionId(), waiting.childId(), waiting.family().familyId(), clock.instant()));
        return 1;
    }

    private boolean exists(UUID aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId.toString()).isPresent();
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(origin));
    }

    private long nextDemandeNumber() {
        Long next = jdbc.queryForObject(nextDemandeNumberSql, Long.class);
        if (next == null || next <= 0) {
            throw new IllegalStateException("demande_number_seq returned no positive number");
        }
        return next;
    }

    private String trackingToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The demo logins are public (README) and exist only in the dev profile: printing them is the
     * point. Identifiers are fixed, so the README's curl commands can name them.
     */
    private void printBanner(DemoLogins logins) {
        log.info("""

                ==== KLUB — démonstration (profil dev) ====
                Heure métier du command-service : {} (horloge de démonstration)
                Programme « {} » : {}
                Programme « {} » : {} (vœux pendant 10 minutes après le premier démarrage, puis tirage au sort)
                Famille de démonstration TEST : {} — Thaïs {}, Eden {}
                Connexions de démonstration :
                  parent   {} / {}
                  agent    {} / {}   (STAFF)
                  auditeur {} / {}   (AUDITOR)
                ===========================================""",
                clock.instant().atZone(properties.town().zone()), DemoProgramme.TITLE, DemoProgramme.PROGRAMME_ID,
                DemoLottery.TITLE, DemoLottery.PROGRAMME_ID,
                DemoFamilies.TEST.familyId(),
                DemoFamilies.TEST.children().get(0).childId(), DemoFamilies.TEST.children().get(1).childId(),
                logins.parent().username(), logins.parent().password(),
                logins.staff().username(), logins.staff().password(),
                logins.auditor().username(), logins.auditor().password());
    }
}
