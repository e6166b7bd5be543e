package fr.klub.query.planning;

import java.util.UUID;

record ChildState(UUID childId, CellState state) {
}
