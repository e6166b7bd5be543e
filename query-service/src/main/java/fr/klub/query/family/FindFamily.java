package fr.klub.query.family;

import java.util.UUID;

record FindFamily(UUID familyId) {
}
