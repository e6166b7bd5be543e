package fr.klub.systemtests.hostile;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.klub.systemtests.support.KlubSystem;

/**
 * What the suite created (an answer 2xx to a creating request, hostile or not), and how to read it
 * back through the query-service: a programme in the list, a session's roster, a family found by
 * its unique name, a demande by its id.
 */
final class Accepted {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One created thing: what it is, and whether the read side shows it yet. */
    record Created(String what, ReadBack readBack) {
    }

    interface ReadBack {
        boolean visible(KlubSystem system);
    }

    private final List<Created> created = new ArrayList<>();

    void record(HostileRequest request, RawHttp.Reply reply) {
        if (reply.status() < 200 || reply.status() > 299) {
            return;
        }
        String path = request.operation().pathTemplate();
        String method = request.method();
        JsonNode answer = read(reply.body());
        if (!"POST".equals(method) || answer == null) {
            return;
        }
        String service = request.operation().service();
        if ("command".equals(service) && path.equals("/api/staff/programmes")) {
            String id = answer.path("programmeId").asText();
            created.add(new Created("programme " + id + " (" + request.hostility() + ")", system ->
                    system.asStaff(system.query()).get("/api/programmes").body().contains(id)));
        } else if ("command".equals(service) && path.endsWith("/sessions")) {
            String id = answer.path("sessionId").asText();
            created.add(new Created("séance " + id + " (" + request.hostility() + ")", system ->
                    system.asStaff(system.query()).get("/api/staff/sessions/" + id).status() == 200));
        } else if ("command".equals(service) && path.equals("/api/staff/families")) {
            String id = answer.path("familyId").asText();
            String token = uniqueName(read(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8)));
            created.add(new Created("famille " + id + " (" + request.hostility() + ")", system ->
                    token != null && system.asStaff(system.query())
                            .get("/api/staff/families?q=" + HostileCases.enc(token)).body().contains(id)));
        } else if ("command".equals(service) && path.equals("/api/demandes")) {
            String id = answer.path("demandeId").asText();
            created.add(new Created("demande " + id + " (" + request.hostility() + ")", system ->
                    system.asParent(system.query()).get("/api/demandes/" + id).status() == 200));
        }
    }

    List<Created> all() {
        return List.copyOf(created);
    }

    /** The generated unique last name left untouched by the attack (guardian's or child's). */
    private static String uniqueName(JsonNode body) {
        if (body == null) {
            return null;
        }
        for (String pointer : List.of("/guardians/0/lastName", "/children/0/lastName")) {
            String name = body.at(pointer).asText("");
            if (name.matches("Hostile[0-9a-z]+")) {
                return name;
            }
        }
        return null;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    static boolean visible(KlubSystem system, Created created) {
        return created.readBack().visible(system);
    }

}
