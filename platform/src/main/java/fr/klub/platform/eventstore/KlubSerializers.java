package fr.klub.platform.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.json.JacksonSerializer;

import com.fasterxml.jackson.databind.Module;

import fr.klub.platform.privacy.PersonalDataModule;

/**
 * The one way events, messages, tokens, dead letters and deadlines are serialized: Axon's
 * {@link JacksonSerializer}, never XStream.
 * <p>
 * The mapper is private to Axon (not Spring MVC's): stored events must keep reading the same
 * whatever the HTTP layer's settings. Dates and instants are ISO-8601 strings; unknown properties
 * are ignored when reading (a tolerant reader, so that adding a field to an event does not break
 * older nodes or replays — meaning changes go through {@code @Revision} and upcasters). Records
 * round-trip through their canonical constructor.
 */
public final class KlubSerializers {

    private KlubSerializers() {
    }

    /**
     * A fresh mapper configured as the event store expects, without keys: it writes personal values in clear and
     * reads sealed ones as erased (JSON snapshot tests, the audit's offline reader).
     */
    public static ObjectMapper eventObjectMapper() {
        return eventObjectMapper(PersonalDataModule.keyless());
    }

    /** A fresh mapper configured as the event store expects, {@code personalData} sealing and opening personal values. */
    public static ObjectMapper eventObjectMapper(Module personalData) {
        return JsonMapper.builder()
                         .addModule(new JavaTimeModule())
                         .addModule(new Jdk8Module())
                         .addModule(new ParameterNamesModule())
                         .addModule(personalData)
                         .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                         .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                         .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                         .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                         .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                         .build();
    }

    /** A fresh Jackson serializer, with {@code @Revision} resolution, on {@link #eventObjectMapper()}. */
    public static JacksonSerializer jacksonSerializer() {
        return jacksonSerializer(PersonalDataModule.keyless());
    }

    /** The store's serializer: personal values sealed with their family's key (docs/decisions/privacy-crypto-shredding.md). */
    public static JacksonSerializer jacksonSerializer(Module personalData) {
        return new CachingJacksonSerializer(JacksonSerializer.builder()
                                .objectMapper(eventObjectMapper(personalData))
                                .revisionResolver(new AnnotationRevisionResolver()));
    }
}
