package fr.klub.query.export;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import fr.klub.platform.web.ApiProblem;

/**
 * Everything held about a family, as one JSON document: the family itself, then each {@link ExportPart} in order
 * (demandes with their history, agenda, waiting lists, e-mails sent). A family the families read model does not
 * know (never registered, or erased) has nothing to export: 404.
 */
@Component
class FamilyExport {

    private final FamilyRecord family;
    private final List<ExportPart> parts;
    private final Clock clock;

    FamilyExport(FamilyRecord family, List<ExportPart> parts, ObjectProvider<Clock> clock) {
        this.family = family;
        this.parts = parts.stream().sorted(Comparator.comparingInt(ExportPart::order)).toList();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    Map<String, Object> of(UUID familyId) {
        Object record = family.find(familyId).orElseThrow(() -> ApiProblem.notFound("Famille inconnue."));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("familyId", familyId);
        document.put("exportedAt", clock.instant());
        document.put("family", record);
        parts.forEach(part -> document.put(part.name(), part.of(familyId)));
        return document;
    }
}
