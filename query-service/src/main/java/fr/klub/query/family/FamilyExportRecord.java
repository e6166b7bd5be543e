package fr.klub.query.family;

import static org.axonframework.messaging.responsetypes.ResponseTypes.optionalInstanceOf;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.klub.query.export.FamilyRecord;
import fr.klub.query.web.ReadSide;

/** The family as "my family" shows it, for its export. */
@Component
class FamilyExportRecord implements FamilyRecord {

    private final ReadSide readSide;

    FamilyExportRecord(ReadSide readSide) {
        this.readSide = readSide;
    }

    @Override
    public Optional<Object> find(UUID familyId) {
        return readSide.ask(new FindFamily(familyId), optionalInstanceOf(FamilyView.class)).map(view -> view);
    }
}
