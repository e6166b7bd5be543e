package fr.klub.query.export;

import java.util.Optional;
import java.util.UUID;

/** The family itself (guardians, children) for its export; empty for a family never registered or erased. */
public interface FamilyRecord {

    Optional<Object> find(UUID familyId);
}
