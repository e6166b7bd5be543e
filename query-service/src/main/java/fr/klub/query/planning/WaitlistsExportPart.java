package fr.klub.query.planning;

import static org.axonframework.messaging.responsetypes.ResponseTypes.instanceOf;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.klub.query.export.ExportPart;
import fr.klub.query.web.ReadSide;

/** The family's children in waiting lists, with their positions and pending offers. */
@Component
class WaitlistsExportPart implements ExportPart {

    private final ReadSide readSide;

    WaitlistsExportPart(ReadSide readSide) {
        this.readSide = readSide;
    }

    @Override
    public String name() {
        return "waitlists";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<?> of(UUID familyId) {
        return readSide.ask(new FindFamilyWaitlist(familyId), instanceOf(FamilyWaitlist.class)).entries();
    }
}
