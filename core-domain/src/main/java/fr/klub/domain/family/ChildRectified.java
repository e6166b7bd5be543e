package fr.klub.domain.family;

import java.time.LocalDate;
import java.util.UUID;

import org.axonframework.serialization.Revision;

import fr.klub.domain.shared.PersonalData;

/**
 * A child's names or birth date, as corrected. New bookings check the programme's ages against this birth date;
 * places already held were admitted under the old one and stay.
 */
@Revision("1")
public record ChildRectified(UUID familyId, UUID childId, @PersonalData String firstName,
                             @PersonalData String lastName, @PersonalData LocalDate birthDate) {

    public Child child() {
        return new Child(childId, firstName, lastName, birthDate);
    }
}
