package fr.klub.query.agenda;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.klub.query.export.ExportPart;

/** The family's whole agenda, every month with a booked session. */
@Component
class AgendaExportPart implements ExportPart {

    private final WholeAgenda agenda;

    AgendaExportPart(WholeAgenda agenda) {
        this.agenda = agenda;
    }

    @Override
    public String name() {
        return "agenda";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<AgendaEntry> of(UUID familyId) {
        return agenda.of(familyId);
    }
}
