package fr.klub.platform.eventstore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's {@link JacksonSerializer}, remembering what it looks up for every message it reads: the class of a
 * payload type (Axon asks the class loader each time, a fifth of deserializing an event in a rebuild's profile)
 * and Jackson's reader of that class (an {@code ObjectReader} is immutable and thread-safe). The mapper is private
 * to the serializer and fully configured before the first read, so a remembered reader is the one Axon would build.
 * A type whose class is missing is not remembered (Axon has its own cache of those).
 */
final class CachingJacksonSerializer extends JacksonSerializer {

    private final Map<SerializedType, Class<?>> classes = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    CachingJacksonSerializer(Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type);
        if (known != null) {
            return known;
        }
        Class<?> found = super.classForType(type);
        if (found != UnknownSerializedType.class) {
            classes.put(type, found);
        }
        return found;
    }

    @Override
    protected ObjectReader getReader(Class<?> type) {
        return readers.computeIfAbsent(type, super::getReader);
    }
}
