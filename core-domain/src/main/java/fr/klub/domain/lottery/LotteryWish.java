package fr.klub.domain.lottery;

import java.time.LocalDate;
import java.util.UUID;

import fr.klub.domain.shared.Period;

/** One deposited wish, as the draw reads it: rank 1 is the child's first choice for that half-day. */
public record LotteryWish(UUID demandeId, UUID familyId, UUID childId, UUID sessionId, LocalDate date, Period period,
                          int rank) {
}
