package fr.klub.domain.childperiod;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.Period;

/**
 * A waiting list skipped this child because the half-day was held (by {@code heldBy}) when a place
 * of {@code offeringSessionId} was offered. Recorded on the half-day's own stream so that a
 * concurrent release of the half-day conflicts with the skip instead of slipping past it.
 */
@Revision("1")
public record ChildPeriodPassedOver(String childPeriodId, UUID childId, LocalDate date, Period period, UUID heldBy,
                                    UUID offeringSessionId) {
}
