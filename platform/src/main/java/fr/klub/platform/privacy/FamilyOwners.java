package fr.klub.platform.privacy;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which family owns the personal values of a message: its {@code familyId} (a record's component, or an
 * aggregate's field in a snapshot), or else the family of its {@code childId} (a waiting list's removal reason
 * names only the child). A message with personal values and
 * neither is a programming error, refused rather than stored in clear.
 */
final class FamilyOwners {

    private final Function<UUID, Optional<UUID>> familyOfChild;
    private final ClassValue<Function<Object, UUID>> owners = new ClassValue<>() {
        @Override
        protected Function<Object, UUID> computeValue(Class<?> type) {
            return ownerOf(type);
        }
    };

    FamilyOwners(Function<UUID, Optional<UUID>> familyOfChild) {
        this.familyOfChild = familyOfChild;
    }

    UUID familyOf(Object message) {
        UUID familyId = owners.get(message.getClass()).apply(message);
        if (familyId == null) {
            throw new IllegalStateException(message.getClass().getSimpleName()
                    + " carries personal data but names no family: it cannot be sealed");
        }
        return familyId;
    }

    private Function<Object, UUID> ownerOf(Class<?> type) {
        Optional<Field> state = field(type, "familyId");
        if (!type.isRecord() && state.isPresent()) {
            // an aggregate's snapshot (its fields, not a record's components)
            return message -> (UUID) read(state.get(), message);
        }
        Optional<RecordComponent> family = component(type, "familyId");
        if (family.isPresent()) {
            return message -> (UUID) read(family.get(), message);
        }
        Optional<RecordComponent> child = component(type, "childId");
        if (child.isPresent()) {
            return message -> {
                UUID childId = (UUID) read(child.get(), message);
                return childId == null ? null : familyOfChild.apply(childId).orElse(null);
            };
        }
        return message -> null;
    }

    private static Optional<RecordComponent> component(Class<?> type, String name) {
        RecordComponent[] components = type.getRecordComponents();
        return components == null ? Optional.empty() : Arrays.stream(components)
                .filter(component -> component.getName().equals(name) && component.getType() == UUID.class)
                .findFirst();
    }

    private static Optional<Field> field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            if (field.getType() != UUID.class) {
                return Optional.empty();
            }
            field.setAccessible(true);
            return Optional.of(field);
        } catch (NoSuchFieldException | RuntimeException absentOrClosed) {
            return Optional.empty();
        }
    }

    private static Object read(Field field, Object message) {
        try {
            return field.get(message);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field.getName() + " of " + message.getClass(), e);
        }
    }

    private static Object read(RecordComponent component, Object message) {
        try {
            return component.getAccessor().invoke(message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + message.getClass(), e);
        }
    }
}
