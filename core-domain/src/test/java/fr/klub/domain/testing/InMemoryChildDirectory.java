package fr.klub.domain.testing;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.EventHandler;

import fr.klub.domain.family.ChildDirectory;
import fr.klub.domain.family.FamilyRegistered;

/** Which family a child belongs to, fed by {@link FamilyRegistered} (subscribing, so in the same unit of work). */
public final class InMemoryChildDirectory implements ChildDirectory {

    private final Map<UUID, UUID> familyByChild = new ConcurrentHashMap<>();

    @EventHandler
    public void on(FamilyRegistered event) {
        event.children().forEach(child -> familyByChild.put(child.childId(), event.familyId()));
    }

    @Override
    public Optional<UUID> familyOf(UUID childId) {
        return Optional.ofNullable(familyByChild.get(childId));
    }
}
