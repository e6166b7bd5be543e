package fr.klub.command.family;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.command.family.FamilyController.GuardianRequest;
import fr.klub.command.retention.FamilyActivity;
import fr.klub.platform.axon.CommandSender;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.family.RectifyFamily;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;

/**
 * Rectification (product.md §11): the family corrects its guardians (names, e-mail addresses), staff correct
 * guardians and children. The request is validated as a registration is; the family aggregate decides and records
 * only what changed ({@code GuardiansRectified}, {@code ChildRectified}), so a repeated PUT changes nothing.
 */
@RestController
@Tag(name = "Familles")
class RectificationController {

    private final CommandSender commands;
    private final JdbcChildDirectory directory;
    private final FamilyActivity families;

    RectificationController(CommandSender commands, JdbcChildDirectory directory, FamilyActivity families) {
        this.commands = commands;
        this.directory = directory;
        this.families = families;
    }

    @PutMapping("/api/families/me/guardians")
    @PreAuthorize("hasRole('PARENT')")
    @Operation(summary = "The family corrects its guardians (the whole list): letters go to the new addresses")
    Rectified rectifyGuardians(@AuthenticationPrincipal KlubUser parent,
                               @Valid @RequestBody GuardiansRequest request) {
        UUID familyId = parent.familyId().orElseThrow(() -> ApiProblem.notFound("Famille inconnue."));
        commands.send(RectifyFamily.guardians(familyId, guardians(request.guardians())), "Famille inconnue.");
        return new Rectified(familyId);
    }

    @PutMapping("/api/staff/families/{familyId}")
    @PreAuthorize("hasRole('STAFF')")
    @Operation(summary = "Staff correct a family's guardians (the whole list, optional) and named children")
    Rectified rectifyFamily(@PathVariable UUID familyId, @Valid @RequestBody FamilyRequest request) {
        List<UUID> known = directory.childrenOf(familyId);
        if (known.isEmpty() || !families.isKept(familyId)) {
            // an erased family has nothing left to correct
            throw ApiProblem.notFound("Famille inconnue.");
        }
        List<ChildRequest> children = request.children() == null ? List.of() : request.children();
        for (int i = 0; i < children.size(); i++) {
            // the aggregate refuses it too; here the answer can name the field
            if (!known.contains(children.get(i).childId())) {
                throw ApiProblem.invalidField("children[" + i + "].childId", "Cet enfant n'est pas de cette famille.");
            }
        }
        List<Child> corrected = children.stream()
                .map(c -> new Child(c.childId(), c.firstName(), c.lastName(), c.birthDate()))
                .toList();
        List<Guardian> guardians = request.guardians() == null ? null : guardians(request.guardians());
        commands.send(new RectifyFamily(familyId, guardians, corrected), "Famille inconnue.");
        return new Rectified(familyId);
    }

    private static List<Guardian> guardians(List<GuardianRequest> requests) {
        return requests.stream().map(g -> new Guardian(g.civility(), g.firstName(), g.lastName(), g.email())).toList();
    }

    record GuardiansRequest(
            @NotEmpty(message = "Indiquez au moins un responsable.")
            @Size(max = 4, message = "Une famille compte au plus 4 responsables.")
            List<@Valid @NotNull(message = "Responsable manquant.") GuardianRequest> guardians) {
    }

    record FamilyRequest(
            @Size(min = 1, max = 4, message = "Une famille compte de 1 à 4 responsables.")
            List<@Valid @NotNull(message = "Responsable manquant.") GuardianRequest> guardians,
            @Size(max = 12, message = "Une famille compte au plus 12 enfants.")
            List<@Valid @NotNull(message = "Enfant manquant.") ChildRequest> children) {
    }

    record ChildRequest(
            @NotNull(message = "L'identifiant de l'enfant est obligatoire.") UUID childId,
            @NotBlank(message = "Le prénom est obligatoire.") @Size(max = 100, message = "Le prénom est trop long.")
            String firstName,
            @NotBlank(message = "Le nom est obligatoire.") @Size(max = 100, message = "Le nom est trop long.")
            String lastName,
            @NotNull(message = "La date de naissance est obligatoire.")
            @Past(message = "La date de naissance doit être passée.") LocalDate birthDate) {
    }

    record Rectified(UUID familyId) {
    }
}
