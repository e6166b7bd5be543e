package fr.klub.query.planning;

import java.util.UUID;

record FindSessionRoster(UUID sessionId) {
}
