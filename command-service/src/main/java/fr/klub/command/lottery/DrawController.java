package fr.klub.command.lottery;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.command.wiring.DueDeadlines;
import fr.klub.platform.axon.CommandSender;
import fr.klub.domain.lottery.DrawLottery;
import fr.klub.domain.programme.Lottery;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.shared.Refusal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Staff run a lottery's draw once its wishes have closed; asking again gives the same draw. The
 * answer comes once the draw is recorded; its holds and waiting lists follow within moments
 * (docs/decisions/domain-lottery.md).
 */
@RestController
@PreAuthorize("hasRole('STAFF')")
@Tag(name = "Programmes (staff)")
class DrawController {

    private static final String UNKNOWN_LOTTERY = "Ce programme n'est pas attribué par tirage au sort.";

    private final CommandSender commands;
    private final LotterySeeds seeds;
    private final DueDeadlines dueDeadlines;
    private final Clock clock;

    DrawController(CommandSender commands, LotterySeeds seeds, DueDeadlines dueDeadlines, Clock clock) {
        this.commands = commands;
        this.seeds = seeds;
        this.dueDeadlines = dueDeadlines;
        this.clock = clock;
    }

    @PostMapping("/api/staff/programmes/{programmeId}/draw")
    @Operation(summary = "Draw the lottery (409 WISHES_OPEN before wishesCloseAt; again: the same draw)")
    Drawn draw(@PathVariable UUID programmeId) {
        String seed = seeds.seedOf(programmeId).orElseThrow(() -> Refusal.notFound(UNKNOWN_LOTTERY));
        LotteryDrawn drawn = commands.send(new DrawLottery(programmeId, seed, clock.instant()), UNKNOWN_LOTTERY);
        // the draw is recorded: its application (holds, waiting lists) starts now, in batches of their own
        dueDeadlines.runDueNow();
        return new Drawn(programmeId, drawn.drawnAt(), drawn.seed(),
                Lottery.commitmentOf(HexFormat.of().parseHex(drawn.seed())),
                drawn.granted().stream().map(g -> new Granted(g.childId(), g.sessionId())).toList(),
                drawn.waitlisted());
    }

    /** The shape of the audit's draw (api.md), without the recomputation. */
    record Drawn(UUID programmeId, Instant drawnAt, String seed, String seedCommitment, List<Granted> granted,
                 List<LotteryDrawn.Waitlisted> waitlisted) {
    }

    record Granted(UUID childId, UUID sessionId) {
    }
}
