package fr.klub.platform.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import fr.klub.domain.demande.DemandeCreated;
import fr.klub.domain.demande.DraftExpiryDue;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class KlubSerializersTest {

    private final JacksonSerializer serializer = KlubSerializers.jacksonSerializer();

    @Test
    void eventsAreJsonWithIsoInstantsAndTheirRevision() {
        UUID id = UUID.fromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        DemandeCreated created = new DemandeCreated(id, id, id, List.of(id), "tok", Instant.parse("2020-10-19T08:00:00Z"),
                Instant.parse("2020-10-19T08:15:00Z"));

        SerializedObject<byte[]> serialized = serializer.serialize(created, byte[].class);

        assertThat(serialized.getType().getRevision()).isEqualTo("1");
        assertThat(new String(serialized.getData(), StandardCharsets.UTF_8))
                .contains("\"createdAt\":\"2020-10-19T08:00:00Z\"").contains("\"childIds\":[\"3f2504e0");
        assertThat((Object) serializer.deserialize(serialized)).isEqualTo(created);
    }

    @Test
    void readingToleratesFieldsAddedByANewerVersion() {
        String json = """
                {"dueAt":"2020-10-19T08:15:00Z","addedLater":42}""";
        SimpleSerializedObject<byte[]> stored = new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                new SimpleSerializedType(DraftExpiryDue.class.getName(), null));

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(new DraftExpiryDue(Instant.parse("2020-10-19T08:15:00Z")));
    }
}
