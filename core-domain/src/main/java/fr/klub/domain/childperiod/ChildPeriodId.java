package fr.klub.domain.childperiod;

import java.time.LocalDate;
import java.util.UUID;

import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.Require;

/** Identity of a child's half-day: the rule "one activity per child per period" is keyed on it. */
public record ChildPeriodId(UUID childId, LocalDate date, Period period) {

    public ChildPeriodId {
        Require.present(childId, "enfant");
        Require.present(date, "date");
        Require.present(period, "créneau");
    }

    @Override
    public String toString() {
        return childId + "/" + date + "/" + period;
    }
}
