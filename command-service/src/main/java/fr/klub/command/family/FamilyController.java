package fr.klub.command.family;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.axon.CommandSender;
import fr.klub.domain.family.Child;
import fr.klub.domain.family.Civility;
import fr.klub.domain.family.Guardian;
import fr.klub.domain.family.RegisterFamily;
import fr.klub.platform.security.AccountService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Size;

/**
 * Staff register a family and its parent login together, or nothing at all: everything is
 * validated first (the request, the domain's value objects, the username and password), then the
 * account row and the {@code FamilyRegistered} event are written in one database transaction, so a
 * username taken by a concurrent request leaves no family behind.
 */
@RestController
@PreAuthorize("hasRole('STAFF')")
@Tag(name = "Familles (staff)")
class FamilyController {

    private final CommandSender commands;
    private final AccountService accounts;
    private final TransactionTemplate transaction;

    FamilyController(CommandSender commands, AccountService accounts, TransactionTemplate transaction) {
        this.commands = commands;
        this.accounts = accounts;
        this.transaction = transaction;
    }

    @PostMapping("/api/staff/families")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a family (guardians, children) with its parent login")
    Registered register(@Valid @RequestBody RegisterFamilyRequest request) {
        UUID familyId = UUID.randomUUID();
        List<Guardian> guardians = request.guardians().stream()
                .map(g -> new Guardian(g.civility(), g.firstName(), g.lastName(), g.email()))
                .toList();
        List<Child> children = request.children().stream()
                .map(c -> new Child(UUID.randomUUID(), c.firstName(), c.lastName(), c.birthDate()))
                .toList();
        RegisterFamily command = new RegisterFamily(familyId, guardians, children);
        accounts.checkNewAccount(request.login().username(), request.login().password());
        transaction.executeWithoutResult(status -> {
            accounts.createParentAccount(request.login().username(), request.login().password(), familyId);
            commands.send(command, "Famille inconnue.");
        });
        return new Registered(familyId, children.stream().map(Child::childId).toList());
    }

    record RegisterFamilyRequest(
            @NotEmpty(message = "Indiquez au moins un responsable.")
            @Size(max = 4, message = "Une famille compte au plus 4 responsables.")
            List<@Valid @NotNull(message = "Responsable manquant.") GuardianRequest> guardians,
            @NotEmpty(message = "Indiquez au moins un enfant.")
            @Size(max = 12, message = "Une famille compte au plus 12 enfants.")
            List<@Valid @NotNull(message = "Enfant manquant.") ChildRequest> children,
            @NotNull(message = "L'identifiant de connexion est obligatoire.") @Valid LoginRequest login) {
    }

    record GuardianRequest(
            @NotNull(message = "La civilité est obligatoire (MME ou M).") Civility civility,
            @NotBlank(message = "Le prénom est obligatoire.") @Size(max = 100, message = "Le prénom est trop long.")
            String firstName,
            @NotBlank(message = "Le nom est obligatoire.") @Size(max = 100, message = "Le nom est trop long.")
            String lastName,
            @NotBlank(message = "L'adresse e-mail est obligatoire.")
            @Size(max = 254, message = "L'adresse e-mail est trop longue.") String email) {
    }

    record ChildRequest(
            @NotBlank(message = "Le prénom est obligatoire.") @Size(max = 100, message = "Le prénom est trop long.")
            String firstName,
            @NotBlank(message = "Le nom est obligatoire.") @Size(max = 100, message = "Le nom est trop long.")
            String lastName,
            @NotNull(message = "La date de naissance est obligatoire.")
            @Past(message = "La date de naissance doit être passée.") LocalDate birthDate) {
    }

    record LoginRequest(
            @NotBlank(message = "L'identifiant est obligatoire.") String username,
            @NotBlank(message = "Le mot de passe est obligatoire.") String password) {
    }

    record Registered(UUID familyId, List<UUID> childIds) {
    }
}
