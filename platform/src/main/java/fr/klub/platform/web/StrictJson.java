package fr.klub.platform.web;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;

import fr.klub.platform.failure.Causes;

/**
 * How the services read JSON request bodies: a value is what it says it is, never coerced. A
 * date or an instant is an ISO-8601 string, with no space or control character around it (a number is
 * not 1970 plus that many days or seconds),
 * a number is not a text nor a text a number, a decimal is not truncated into an integer, and a
 * key given twice is refused rather than silently won by the last one. Each is a 400
 * VALIDATION_FAILED naming the field (ProblemHandler).
 * <p>
 * Only the HTTP layer's mapper: events are read by Axon's own (KlubSerializers), unchanged.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** Features and coercions of Spring Boot's (HTTP) ObjectMapper. */
    public static Jackson2ObjectMapperBuilderCustomizer customizer() {
        return builder -> builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS,
                        DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .postConfigurer(mapper -> {
                    // not lenient: a date-time is not a date with its time silently dropped
                    mapper.setDefaultLeniency(false);
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                });
    }

    /** java.time values from JSON strings only (Jackson's own deserializers also take numbers and arrays). */
    public static Module javaTimeFromTextOnly() {
        SimpleModule module = new SimpleModule("klub-java-time-from-text-only");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                Package type = description.getBeanClass().getPackage();
                return type != null && type.getName().equals("java.time") ? new TextOnly(deserializer) : deserializer;
            }
        });
        return module;
    }

    /**
     * The key a body holds twice ({@code guardians[0].civility}), from the parser's refusal under
     * {@link JsonParser.Feature#STRICT_DUPLICATE_DETECTION}; empty for any other parse error.
     */
    static Optional<String> duplicatedKey(Throwable exception) {
        // inside a list or a nested object, Jackson wraps the parser's exception with the path so far
        StreamReadException read = Causes.find(exception, StreamReadException.class).orElse(null);
        if (read == null || read.getOriginalMessage() == null
                || !read.getOriginalMessage().startsWith("Duplicate field '")
                || read.getProcessor() == null) {
            return Optional.empty();
        }
        JsonParser parser = read.getProcessor();
        StringBuilder path = new StringBuilder();
        for (JsonPointer segment = parser.getParsingContext().pathAsPointer(); !segment.matches();
             segment = segment.tail()) {
            if (segment.getMatchingIndex() >= 0) {
                path.append('[').append(segment.getMatchingIndex()).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(segment.getMatchingProperty());
            }
        }
        return path.isEmpty() ? Optional.empty() : Optional.of(path.toString());
    }

    private static final class TextOnly extends DelegatingDeserializer {

        TextOnly(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new TextOnly(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.reportInputMismatch(this, "Expected an ISO-8601 string, got %s",
                        parser.currentToken());
            }
            String text = parser.getText();
            // Jackson's java.time deserializers trim() the text, which also drops control characters
            // ("2020-11-02\u0000" would read as a date): a value with such edges is not what it says
            if (!text.equals(text.trim())) {
                return context.reportInputMismatch(this, "Expected an ISO-8601 string without spaces or control characters");
            }
            return super.deserialize(parser, context);
        }
    }
}
