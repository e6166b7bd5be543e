package fr.klub.query.demande;

import static org.axonframework.messaging.responsetypes.ResponseTypes.multipleInstancesOf;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import fr.klub.query.export.ExportPart;
import fr.klub.query.web.ReadSide;

/** The family's demandes, newest first, each as its detail page shows it (reservations, status history). */
@Component
class DemandesExportPart implements ExportPart {

    private final ReadSide readSide;
    private final DemandeProjection demandes;

    DemandesExportPart(ReadSide readSide, DemandeProjection demandes) {
        this.readSide = readSide;
        this.demandes = demandes;
    }

    @Override
    public String name() {
        return "demandes";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<DemandeDetail> of(UUID familyId) {
        return readSide.ask(new FindFamilyDemandes(familyId), multipleInstancesOf(DemandeSummary.class)).stream()
                // one demande is read without the query bus, as by its controller (DemandeProjection)
                .map(summary -> demandes.handle(new FindDemande(summary.demandeId(), familyId)))
                .toList();
    }
}
