package fr.klub.platform.privacy;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.klub.domain.shared.PersonalData;
import fr.klub.platform.eventstore.KlubSerializers;

/**
 * The one-off migration of a history written before encryption (docs/decisions/privacy-crypto-shredding.md):
 * every stored event whose type carries {@link PersonalData} and whose values are still in clear is written
 * again with them sealed — same type, same revision, same JSON shape, only the personal strings change. Until
 * it has run, such a family's erasure cannot reach its old events. Idempotent (sealed rows are skipped), in
 * pages of one transaction each; run it on one instance ({@code klub.privacy.seal-plaintext-history=true}).
 */
public final class PlaintextHistorySealer {

    private static final Logger log = LoggerFactory.getLogger(PlaintextHistorySealer.class);
    private static final int PAGE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper plain = KlubSerializers.eventObjectMapper();
    private final ObjectMapper sealing;
    private final Map<String, Boolean> personalTypes = new ConcurrentHashMap<>();

    PlaintextHistorySealer(JdbcTemplate jdbc, TransactionTemplate transaction, PersonalDataModule sealingModule) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.sealing = KlubSerializers.eventObjectMapper(sealingModule);
    }

    /** Seals what is still in clear; returns how many events were rewritten. */
    public int sealAll() {
        int rewritten = 0;
        long after = -1;
        while (true) {
            List<Map<String, Object>> page = jdbc.queryForList("SELECT global_index, payload_type FROM domain_event_entry"
                    + " WHERE global_index > ? ORDER BY global_index LIMIT " + PAGE, after);
            if (page.isEmpty()) {
                break;
            }
            after = ((Number) page.get(page.size() - 1).get("global_index")).longValue();
            List<Long> personal = page.stream().filter(row -> hasPersonalData((String) row.get("payload_type")))
                    .map(row -> ((Number) row.get("global_index")).longValue()).toList();
            Integer sealed = transaction.execute(status -> personal.stream().mapToInt(this::seal).sum());
            rewritten += sealed == null ? 0 : sealed;
        }
        log.info("History sealing: {} events rewritten with their personal values sealed", rewritten);
        return rewritten;
    }

    private int seal(long globalIndex) {
        Map<String, Object> row = jdbc.queryForMap("SELECT payload_type, payload FROM domain_event_entry"
                + " WHERE global_index = ?", globalIndex);
        try {
            byte[] stored = (byte[]) row.get("payload");
            if (containsSealed(plain.readTree(stored))) {
                return 0;
            }
            Object event = plain.readValue(stored, Class.forName((String) row.get("payload_type")));
            byte[] sealed = sealing.writeValueAsBytes(event);
            return jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", sealed, globalIndex);
        } catch (ReflectiveOperationException | IOException e) {
            // the message names the row, never its content
            throw new IllegalStateException("event " + globalIndex + " could not be sealed", e);
        }
    }

    private static boolean containsSealed(JsonNode node) {
        if (node.isTextual()) {
            return PersonalValues.isSealed(node.textValue());
        }
        for (JsonNode child : node) {
            if (containsSealed(child)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasPersonalData(String payloadType) {
        return personalTypes.computeIfAbsent(payloadType, name -> {
            try {
                return carriesPersonalData(Class.forName(name), new HashSet<>());
            } catch (ClassNotFoundException unknown) {
                return false;
            }
        });
    }

    private static boolean carriesPersonalData(Class<?> type, Set<Class<?>> seen) {
        if (!type.isRecord() || !seen.add(type)) {
            return false;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(PersonalData.class)
                    || carriesPersonalData(component.getType(), seen)
                    || elementCarriesPersonalData(component.getGenericType(), seen)) {
                return true;
            }
        }
        return false;
    }

    private static boolean elementCarriesPersonalData(Type generic, Set<Class<?>> seen) {
        if (generic instanceof ParameterizedType parameterized) {
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (argument instanceof Class<?> element && carriesPersonalData(element, seen)) {
                    return true;
                }
            }
        }
        return false;
    }
}
