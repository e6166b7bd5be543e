package fr.klub.domain.childperiod;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.Period;

@Revision("1")
public record ChildPeriodFreed(String childPeriodId, UUID childId, LocalDate date, Period period, UUID sessionId) {
}
