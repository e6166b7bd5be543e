package fr.klub.systemtests.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import fr.klub.systemtests.support.Http;
import fr.klub.systemtests.support.KlubSystem;

/**
 * Real identifiers for the suite, so that a path variable can name the right aggregate, one of
 * another kind, or another family's: a programme of the suite's own (November 2020, outside the
 * demo grid, so the demo's "Complet" sessions stay as they are), two of its sessions, a demande of
 * the demo family in it (one draft, one deposited), and a second family registered by staff; the
 * demo family, its children and programme come from the dev run.
 */
record Fixture(UUID programmeId, List<UUID> sessionIds, UUID draftId, UUID depositedId, String trackingToken,
               UUID demoFamilyId, List<UUID> demoChildIds, UUID demoProgrammeId, UUID demoSessionId,
               UUID otherFamilyId, List<UUID> otherChildIds, List<String> demoNames, String projectionName,
               UUID erasableFamilyId) {

    static final String SESSION_DAY = "2020-11-02";
    private static final Duration EVENTUALLY = Duration.ofSeconds(30);

    static Fixture create(KlubSystem system) {
        Http staffC = system.asStaff(system.command());
        Http staffQ = system.asStaff(system.query());
        Http parentC = system.asParent(system.command());
        Http parentQ = system.asParent(system.query());

        UUID programmeId = id(created(staffC.post("/api/staff/programmes", """
                {"title":"Programme de la suite hostile","firstDay":"2020-11-02","lastDay":"2020-11-06",
                 "minAge":3,"maxAge":17,"bookingOpensAt":"2020-09-01T00:00:00Z",
                 "bookingClosesAt":"2099-12-31T00:00:00Z","cancellationDeadlineDays":2}""")), "programmeId");
        List<UUID> sessions = new ArrayList<>();
        for (String period : List.of("MATIN", "APRES_MIDI")) {
            sessions.add(id(created(staffC.post("/api/staff/programmes/" + programmeId + "/sessions",
                    "{\"activity\":\"Atelier hostile\",\"date\":\"" + SESSION_DAY + "\",\"period\":\"" + period
                            + "\",\"capacity\":40}")), "sessionId"));
        }
        JsonNode other = created(staffC.post("/api/staff/families", """
                {"guardians":[{"civility":"MME","firstName":"Ombeline","lastName":"Autrefamille","email":"ombeline@example.org"}],
                 "children":[{"firstName":"Oscar","lastName":"Autrefamille","birthDate":"2012-05-01"}],
                 "login":{"username":"autre-famille-hostile","password":"Une-Phrase-Assez-Longue-2031"}}"""));
        UUID otherFamilyId = id(other, "familyId");
        List<UUID> otherChildren = ids(other.get("childIds"));
        // the erasure's plausible target: erasing the demo family would end the demo parent's login mid-suite
        UUID erasable = id(created(staffC.post("/api/staff/families", """
                {"guardians":[{"civility":"M","firstName":"Eustache","lastName":"Effacable","email":"eustache@example.org"}],
                 "children":[{"firstName":"Edmond","lastName":"Effacable","birthDate":"2012-05-01"}],
                 "login":{"username":"famille-a-effacer-hostile","password":"Une-Phrase-Assez-Longue-2032"}}""")), "familyId");

        JsonNode family = await().atMost(EVENTUALLY).until(() -> parentQ.get("/api/families/me"),
                answer -> answer.status() == 200).json();
        UUID demoFamilyId = id(family, "familyId");
        List<UUID> demoChildren = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode child : family.get("children")) {
            demoChildren.add(id(child, "childId"));
            names.add(child.get("firstName").asText());
            names.add(child.get("lastName").asText());
        }
        for (JsonNode guardian : family.get("guardians")) {
            names.add(guardian.get("firstName").asText());
            names.add(guardian.get("lastName").asText());
            names.add(guardian.get("email").asText());
        }
        names.addAll(List.of("Ombeline", "Oscar", "Autrefamille", "ombeline@example.org", "Eustache", "Edmond", "Effacable",
                "eustache@example.org"));

        await().atMost(EVENTUALLY).until(() -> parentQ.get("/api/programmes").body().contains(programmeId.toString()));
        UUID draft = draft(parentC, programmeId, demoChildren.get(0));
        UUID deposited = draft(parentC, programmeId, demoChildren.get(0));
        Http.Answer held = parentC.put("/api/demandes/" + deposited + "/reservations/" + demoChildren.get(0) + "/"
                + sessions.get(1));
        assertThat(held.status()).as(held.toString()).isEqualTo(201);
        Http.Answer deposit = parentC.post("/api/demandes/" + deposited + "/deposit");
        assertThat(deposit.status()).as(deposit.toString()).isEqualTo(200);
        String token = deposit.json().get("trackingToken").asText();

        JsonNode programmes = parentQ.get("/api/programmes").json();
        UUID demoProgramme = null;
        for (JsonNode programme : programmes) {
            if (!programme.get("programmeId").asText().equals(programmeId.toString())) {
                demoProgramme = id(programme, "programmeId");
            }
        }
        JsonNode planning = parentQ.get("/api/programmes/" + demoProgramme + "/planning").json();
        UUID demoSession = id(planning.get("days").get(0).get("periods").get(0).get("sessions").get(0), "sessionId");
        String projection = staffQ.get("/api/staff/projections").json().get(0).get("name").asText();
        return new Fixture(programmeId, List.copyOf(sessions), draft, deposited, token, demoFamilyId,
                List.copyOf(demoChildren), demoProgramme, demoSession, otherFamilyId, otherChildren,
                List.copyOf(names), projection, erasable);
    }

    /**
     * The same fixture with a new draft of the demo parent: drafts expire within seconds in the
     * system tests, and an expired one answers DEMANDE_NOT_DRAFT before looking at anything
     * else. Keeps the old draft if the family may not open another one.
     */
    Fixture withFreshDraft(KlubSystem system) {
        Http.Answer draft = system.asParent(system.command()).post("/api/demandes",
                "{\"programmeId\":\"" + programmeId + "\",\"childIds\":[\"" + demoChildIds.get(0) + "\"]}");
        if (draft.status() != 201) {
            return this;
        }
        return new Fixture(programmeId, sessionIds, id(draft.json(), "demandeId"), depositedId, trackingToken,
                demoFamilyId, demoChildIds, demoProgrammeId, demoSessionId, otherFamilyId, otherChildIds, demoNames,
                projectionName, erasableFamilyId);
    }

    /** The right value for a path or query parameter of this name, for the demo parent. */
    String rightValue(String name) {
        return switch (name) {
            case "programmeId" -> programmeId.toString();
            case "sessionId" -> sessionIds.get(0).toString();
            case "childId" -> demoChildIds.get(0).toString();
            case "demandeId" -> draftId.toString();
            case "familyId" -> demoFamilyId.toString();
            case "token" -> trackingToken;
            case "name" -> projectionName;
            case "id" -> "1";
            default -> null;
        };
    }

    /** A real identifier, but of another kind of aggregate than the parameter names. */
    String otherKind(String name) {
        return switch (name) {
            case "programmeId" -> demoChildIds.get(0).toString();
            case "sessionId" -> demoFamilyId.toString();
            case "childId" -> programmeId.toString();
            case "demandeId" -> sessionIds.get(0).toString();
            case "familyId" -> draftId.toString();
            default -> depositedId.toString();
        };
    }

    /** A real identifier of the right kind that belongs to another family (or, for staff data, the demo's). */
    String otherFamilys(String name) {
        return switch (name) {
            case "childId" -> otherChildIds.get(0).toString();
            case "familyId" -> otherFamilyId.toString();
            case "sessionId" -> demoSessionId.toString();
            case "programmeId" -> demoProgrammeId.toString();
            default -> depositedId.toString();
        };
    }

    private static UUID draft(Http parentC, UUID programmeId, UUID child) {
        Http.Answer draft = parentC.post("/api/demandes",
                "{\"programmeId\":\"" + programmeId + "\",\"childIds\":[\"" + child + "\"]}");
        assertThat(draft.status()).as(draft.toString()).isEqualTo(201);
        return id(draft.json(), "demandeId");
    }

    private static JsonNode created(Http.Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.json();
    }

    private static UUID id(JsonNode node, String field) {
        return UUID.fromString(node.get(field).asText());
    }

    private static List<UUID> ids(JsonNode array) {
        List<UUID> ids = new ArrayList<>();
        array.forEach(node -> ids.add(UUID.fromString(node.asText())));
        return ids;
    }
}
