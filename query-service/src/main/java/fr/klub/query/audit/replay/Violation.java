package fr.klub.query.audit.replay;

/**
 * A broken rule found by the replay. {@code rule} is the rule's number in product.md §4
 * (1 no overbooking, 2 one activity per child per period, 3 no leaked place, 5 status machine), §9
 * (7 first in line first) or §10 (8 the draw is reproducible);
 * {@code globalIndex} is the event at which it was detected.
 */
public record Violation(int rule, String aggregateId, String detail, long globalIndex) {
}
