package fr.klub.domain.lottery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import fr.klub.domain.booking.Places;
import fr.klub.domain.demande.Demande;
import fr.klub.domain.demande.WishRecorded;
import fr.klub.domain.programme.Lottery;
import fr.klub.domain.programme.LotteryAnnounced;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.programme.Programme;
import fr.klub.domain.programme.RecordDraw;
import fr.klub.domain.shared.Aggregates;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;

/**
 * The draw (product.md §10), in one unit of work: reads the deposited wishes from the demandes that
 * entered, computes the allocation and records it on the programme. Recording it starts its
 * application in small steps ({@link LotteryApplication}): each granted wish becomes a place held by
 * its demande, the others queue in draw order. Drawing again returns the first draw.
 */
public class LotteryDraw {

    private final Repository<Programme> programmes;
    private final Repository<Demande> demandes;
    private final Places places;
    private final LotteryEntries entries;
    private final LotterySeedVault seeds;

    public LotteryDraw(Repository<Programme> programmes, Repository<Demande> demandes, Places places,
                       LotteryEntries entries, LotterySeedVault seeds) {
        this.programmes = programmes;
        this.demandes = demandes;
        this.places = places;
        this.entries = entries;
        this.seeds = seeds;
    }

    /**
     * The programme's deadline: draws with the kept seed, in the deadline's unit of work. Without a
     * seed (a history imported elsewhere) nothing happens: staff draw by hand where the seed is.
     */
    public void drawWhenDue(UUID programmeId, Instant at) throws Exception {
        Optional<String> seed = seeds.seedOf(programmeId);
        if (seed.isPresent()) {
            handle(new DrawLottery(programmeId, seed.get(), at));
        }
    }

    @CommandHandler
    public LotteryDrawn handle(DrawLottery command) throws Exception {
        Aggregate<Programme> programme = Aggregates.loadOrNotFound(programmes, command.programmeId(),
                "Programme inconnu.");
        Optional<LotteryDrawn> done = programme.invoke(Programme::draw);
        if (done.isPresent()) {
            return done.get();
        }
        LotteryAnnounced lottery = programme.invoke(Programme::lottery)
                .orElseThrow(() -> Refusal.notFound("Ce programme n'est pas attribué par tirage au sort."));
        if (command.at().isBefore(lottery.wishesCloseAt())) {
            throw new Refusal(RefusalCode.WISHES_OPEN,
                    "Les vœux sont encore ouverts : le tirage au sort aura lieu après leur clôture.");
        }
        byte[] seed = seed(command.seed());
        if (!Lottery.commitmentOf(seed).equals(lottery.seedCommitment())) {
            throw new Refusal(RefusalCode.VALIDATION_FAILED, "La graine ne correspond pas à l'engagement publié.");
        }
        List<LotteryWish> wishes = depositedWishes(command, lottery);
        DrawOutcome outcome = LotteryAllocator.allocate(seed, wishes, placesLeft(wishes));
        LotteryDrawn drawn = new LotteryDrawn(command.programmeId(), HexFormat.of().formatHex(seed), command.at(),
                outcome.familyOrder(), outcome.granted(), outcome.waitlisted());
        return (LotteryDrawn) programme.handle(
                GenericCommandMessage.asCommandMessage(new RecordDraw(command.programmeId(), drawn)));
    }

    /** Only demandes deposited before the wishes closed, and still deposited (not refused meanwhile). */
    private List<LotteryWish> depositedWishes(DrawLottery command, LotteryAnnounced lottery) {
        List<LotteryWish> wishes = new ArrayList<>();
        for (LotteryEntries.Entry entry : entries.entriesOf(command.programmeId())) {
            if (!entry.depositedAt().isBefore(lottery.wishesCloseAt())) {
                continue;
            }
            Demande demande = Aggregates.loadOrNotFound(demandes, entry.demandeId(), "Demande inconnue.")
                    .invoke(d -> d);
            for (WishRecorded wish : demande.depositedWishes()) {
                wishes.add(new LotteryWish(wish.demandeId(), demande.familyId(), wish.childId(), wish.sessionId(),
                        wish.date(), wish.period(), wish.rank()));
            }
        }
        return wishes;
    }

    private Map<UUID, Integer> placesLeft(List<LotteryWish> wishes) {
        Map<UUID, Integer> left = new HashMap<>();
        for (UUID sessionId : new TreeSet<>(wishes.stream().map(LotteryWish::sessionId).toList())) {
            left.put(sessionId, places.onlinePlacesLeft(sessionId));
        }
        return left;
    }

    private static byte[] seed(String hex) {
        try {
            return HexFormat.of().parseHex(hex == null ? "" : hex);
        } catch (IllegalArgumentException e) {
            throw new Refusal(RefusalCode.VALIDATION_FAILED, "seed : la graine doit être en hexadécimal.");
        }
    }
}
