package fr.klub.platform.privacy;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import fr.klub.domain.shared.Erased;
import fr.klub.domain.shared.PersonalData;

/**
 * Where {@link PersonalData} meets JSON: every component so marked (a {@code String} or a {@code LocalDate}) is
 * written sealed with its family's key and opened when read, by whoever uses the mapper (aggregates, projections,
 * dead letters), with no code of theirs involved. Plaintext values — histories written before encryption, the
 * event snapshots of the tests — still read as they are; an erased value reads {@link Erased#TEXT} (a date:
 * {@link Erased#DATE}) and is written {@value Erased#TEXT}.
 * <p>
 * {@link #keyless()} has no keys (the audit's offline reader, tests): it writes plaintext and reads a value it
 * cannot open as erased.
 */
public final class PersonalDataModule extends SimpleModule {

    private final transient PersonalValues values;
    private final transient FamilyOwners owners;

    private PersonalDataModule(PersonalValues values, FamilyOwners owners) {
        super("klub-personal-data");
        this.values = values;
        this.owners = owners;
    }

    static PersonalDataModule sealing(PersonalValues values, FamilyOwners owners) {
        return new PersonalDataModule(values, owners);
    }

    /**
     * Encryption switched off (the benchmark's comparison, never production): writes plaintext, and still
     * opens the sealed values a history may already hold.
     */
    static PersonalDataModule opening(PersonalValues values) {
        return new PersonalDataModule(values, null);
    }

    /**
     * For tools outside a service (the benchmark's history writer): sealing with the keys of {@code dataSource}'s
     * table under this master key, as the services configured with it do.
     */
    public static PersonalDataModule sealingWith(DataSource dataSource, String masterKeyBase64) {
        PrivacyProperties properties = new PrivacyProperties(masterKeyBase64, null, null, true, null);
        return PrivacyAutoConfiguration.sealing(new PersonalValues(PrivacyAutoConfiguration.keys(dataSource, properties,
                Clock.systemUTC())), dataSource);
    }

    public static PersonalDataModule keyless() {
        return new PersonalDataModule(null, null);
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.insertAnnotationIntrospector(new Introspector());
    }

    private final class Introspector extends NopAnnotationIntrospector {

        @Override
        public Object findSerializer(Annotated annotated) {
            return personalType(annotated) == null ? null : new Sealing();
        }

        @Override
        public Object findDeserializer(Annotated annotated) {
            Class<?> type = personalType(annotated);
            return type == null ? null : new Opening(type);
        }

        private static Class<?> personalType(Annotated annotated) {
            if (!annotated.hasAnnotation(PersonalData.class)) {
                return null;
            }
            Class<?> type = annotated.getRawType();
            if (type != String.class && type != LocalDate.class) {
                // a personal value this module cannot seal must not be stored in clear without anyone noticing
                throw new IllegalStateException("@PersonalData on " + annotated.getName() + " of type " + type.getName()
                        + ": only String and LocalDate values can be sealed");
            }
            return type;
        }
    }

    private final class Sealing extends StdSerializer<Object> {

        Sealing() {
            super(Object.class);
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            String text = value instanceof LocalDate date ? (Erased.is(date) ? Erased.TEXT : date.toString()) : (String) value;
            if (owners == null || Erased.is(text)) {
                generator.writeString(text);
                return;
            }
            generator.writeString(values.seal(owners.familyOf(outermostValue(generator)), text));
        }

        /** The message being written (the values of enclosing objects are tracked by Jackson's write contexts). */
        private static Object outermostValue(JsonGenerator generator) {
            Object outermost = null;
            for (JsonStreamContext context = generator.getOutputContext(); context != null; context = context.getParent()) {
                if (context.getCurrentValue() != null) {
                    outermost = context.getCurrentValue();
                }
            }
            if (outermost == null) {
                throw new IllegalStateException("a personal value written outside of any message cannot be sealed");
            }
            return outermost;
        }
    }

    private final class Opening extends StdScalarDeserializer<Object> {

        private final Class<?> type;

        Opening(Class<?> type) {
            super(type);
            this.type = type;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return context.handleUnexpectedToken(type, parser);
            }
            String text = parser.getText();
            String plain = !PersonalValues.isSealed(text) ? text : values == null ? Erased.TEXT : values.open(text);
            if (type == String.class) {
                return plain;
            }
            if (Erased.is(plain)) {
                return Erased.DATE;
            }
            try {
                return LocalDate.parse(plain);
            } catch (DateTimeParseException e) {
                // the value itself stays out of the message: it would end in a log
                throw JsonMappingException.from(parser, "a personal date is not an ISO-8601 date");
            }
        }
    }
}
