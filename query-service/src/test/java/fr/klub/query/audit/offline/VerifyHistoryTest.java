package fr.klub.query.audit.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.domain.demande.DemandeCancelled;
import fr.klub.domain.lottery.DrawOutcome;
import fr.klub.domain.programme.LotteryDrawn;
import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.ReleaseReason;
import fr.klub.query.audit.history.AuditJson;
import fr.klub.query.audit.history.Ndjson;
import fr.klub.query.audit.replay.CraftedHistory;
import fr.klub.query.audit.replay.LotteryHistory;
import fr.klub.query.audit.replay.Violation;

class VerifyHistoryTest {

    @TempDir
    Path directory;

    @Test
    void anExportThatBreaksTheRulesFailsWithTheSameViolationsAsTheReplayInMemory() throws Exception {
        UUID session = UUID.randomUUID();
        CraftedHistory history = new CraftedHistory().session(session, Period.MATIN, 2, 1);
        for (int i = 0; i < 3; i++) {
            UUID demande = UUID.randomUUID();
            UUID child = UUID.randomUUID();
            history.demande(demande, child).hold(demande, child, session, Period.MATIN);
        }
        List<Violation> inMemory = history.check();
        Path export = write(history);

        StringWriter out = new StringWriter();
        int exitCode = VerifyHistory.run(new String[] {export.toString()}, new PrintWriter(out), new PrintWriter(new StringWriter()));

        JsonNode report = AuditJson.mapper().readTree(out.toString());
        assertThat(exitCode).isEqualTo(1);
        assertThat(report.get("eventsReplayed").asLong()).isEqualTo(history.events().size());
        List<Violation> offline = new ArrayList<>();
        report.get("violations").forEach(node -> offline.add(AuditJson.mapper().convertValue(node, Violation.class)));
        assertThat(offline).isEqualTo(inMemory).isNotEmpty();
        assertThat(offline).extracting(Violation::rule).containsOnly(1);
    }

    @Test
    void anExportWithAnOfferOutOfTurnFailsOnRule7() throws Exception {
        UUID session = UUID.randomUUID();
        UUID holder = UUID.randomUUID();
        UUID holderDemande = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        CraftedHistory history = new CraftedHistory().session(session, Period.MATIN, 2, 1)
                .demande(holderDemande, holder).hold(holderDemande, holder, session, Period.MATIN)
                .queue(session, first)
                .queue(session, second)
                .transaction("parent-2", "PARENT")
                .release(session, holder, holderDemande, Period.MATIN, ReleaseReason.CANCELLED_BY_FAMILY)
                .append(holderDemande.toString(), "Demande", new DemandeCancelled(holderDemande, UUID.randomUUID(),
                        List.of()))
                .offer(session, second, Period.MATIN);

        StringWriter out = new StringWriter();
        int exitCode = VerifyHistory.run(new String[] {write(history).toString()}, new PrintWriter(out),
                new PrintWriter(new StringWriter()));

        assertThat(exitCode).isEqualTo(1);
        JsonNode report = AuditJson.mapper().readTree(out.toString());
        assertThat(report.get("violations")).singleElement().satisfies(violation -> {
            assertThat(violation.get("rule").asInt()).isEqualTo(7);
            assertThat(violation.get("detail").asText()).contains(first.toString());
        });
    }

    @Test
    void anExportWithAForgedDrawFailsOnRule8AndTheGenuineOneIsListedAsReproduced() throws Exception {
        UUID session = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        LotteryHistory genuine = twoFamiliesForOnePlace(session, first, second).genuineDraw();
        LotteryHistory forged = twoFamiliesForOnePlace(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        DrawOutcome outcome = forged.outcome();
        // the family order of the seed, but the place given to the other family's child
        LotteryDrawn.Waitlisted waiting = outcome.waitlisted().get(0);
        LotteryDrawn.Granted granted = outcome.granted().get(0);
        forged.draw(HexFormat.of().formatHex(forged.seed), new DrawOutcome(outcome.familyOrder(),
                List.of(new LotteryDrawn.Granted(granted.demandeId(), waiting.childId(), granted.sessionId())),
                List.of(new LotteryDrawn.Waitlisted(granted.childId(), waiting.sessionId(), 1))));

        StringWriter clean = new StringWriter();
        int genuineExit = VerifyHistory.run(new String[] {write(genuine.history()).toString()},
                new PrintWriter(clean), new PrintWriter(new StringWriter()));
        StringWriter out = new StringWriter();
        int forgedExit = VerifyHistory.run(new String[] {write(forged.history()).toString()}, new PrintWriter(out),
                new PrintWriter(new StringWriter()));

        assertThat(genuineExit).isZero();
        JsonNode genuineReport = AuditJson.mapper().readTree(clean.toString());
        assertThat(genuineReport.get("draws")).singleElement().satisfies(draw -> {
            assertThat(draw.get("programmeId").asText()).isEqualTo(genuine.programme.toString());
            assertThat(draw.get("commitmentMatches").asBoolean()).isTrue();
            assertThat(draw.get("reproduced").asBoolean()).isTrue();
        });
        assertThat(forgedExit).isEqualTo(1);
        JsonNode report = AuditJson.mapper().readTree(out.toString());
        assertThat(report.get("violations")).extracting(v -> v.get("rule").asInt()).contains(8);
        assertThat(report.get("draws").get(0).get("reproduced").asBoolean()).isFalse();
    }

    /** Two families, one child each, wishing the only online place of a session. */
    private static LotteryHistory twoFamiliesForOnePlace(UUID session, UUID first, UUID second) {
        return new LotteryHistory().session(session, Period.MATIN, 2, 1)
                .family(UUID.randomUUID(), UUID.randomUUID(), new LotteryHistory.Wish(first, session, Period.MATIN, 1))
                .family(UUID.randomUUID(), UUID.randomUUID(), new LotteryHistory.Wish(second, session, Period.MATIN, 1));
    }

    @Test
    void aCleanExportExitsWithZero() throws Exception {
        UUID session = UUID.randomUUID();
        UUID demande = UUID.randomUUID();
        UUID child = UUID.randomUUID();
        Path export = write(new CraftedHistory().session(session, Period.MIDI, 10, 5).demande(demande, child)
                .hold(demande, child, session, Period.MIDI));

        int exitCode = VerifyHistory.run(new String[] {export.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));

        assertThat(exitCode).isZero();
    }

    @Test
    void anUnreadableExportIsReportedAsSuchWithItsLineNumber() throws Exception {
        Path export = directory.resolve("broken.ndjson");
        Files.writeString(export, "{\"globalIndex\":1}\nnot json\n");
        StringWriter err = new StringWriter();

        int exitCode = VerifyHistory.run(new String[] {export.toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Ligne 2");
    }

    @Test
    void withoutArgumentsItPrintsItsUsage() {
        StringWriter err = new StringWriter();

        int exitCode = VerifyHistory.run(new String[0], new PrintWriter(new StringWriter()), new PrintWriter(err));

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Usage");
    }

    private Path write(CraftedHistory history) throws Exception {
        Path export = directory.resolve(UUID.randomUUID() + ".ndjson");
        try (OutputStream out = Files.newOutputStream(export)) {
            history.events().forEach(event -> Ndjson.write(event, out));
        }
        return export;
    }
}
