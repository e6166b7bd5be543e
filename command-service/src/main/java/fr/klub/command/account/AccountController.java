package fr.klub.command.account;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Logins: staff create staff and auditor accounts; anyone changes their own password. */
@RestController
@Tag(name = "Comptes")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/staff/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('STAFF')")
    @Operation(summary = "Create a staff or auditor account")
    Created create(@Valid @RequestBody NewAccount request) {
        KlubUser user = accounts.createStaffAccount(request.username(), request.password(), request.role());
        return new Created(user.accountId(), user.username(), user.role());
    }

    @PostMapping("/api/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Change one's own password (any role)")
    void changePassword(@Valid @RequestBody PasswordChange request, @AuthenticationPrincipal KlubUser user) {
        accounts.changePassword(user.accountId(), request.currentPassword(), request.newPassword());
    }

    record NewAccount(
            @NotBlank(message = "L'identifiant est obligatoire.") String username,
            @NotBlank(message = "Le mot de passe est obligatoire.") String password,
            @NotNull(message = "Le rôle est obligatoire (STAFF ou AUDITOR).") Role role) {
    }

    record Created(UUID accountId, String username, Role role) {
    }

    record PasswordChange(
            @NotBlank(message = "Le mot de passe actuel est obligatoire.") String currentPassword,
            @NotBlank(message = "Le nouveau mot de passe est obligatoire.") String newPassword) {
    }
}
