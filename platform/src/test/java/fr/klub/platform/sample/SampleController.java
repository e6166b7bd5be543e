package fr.klub.platform.sample;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import fr.klub.domain.shared.Period;
import fr.klub.domain.shared.Refusal;
import fr.klub.domain.shared.RefusalCode;
import fr.klub.platform.correlation.CommandMetadata;
import fr.klub.platform.security.AccountService;
import fr.klub.platform.security.KlubUser;
import fr.klub.platform.security.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints exercising every error family and the security model. */
@RestController
class SampleController {

    private final AccountService accounts;
    private final CommandGateway commandGateway;

    SampleController(AccountService accounts, CommandGateway commandGateway) {
        this.accounts = accounts;
        this.commandGateway = commandGateway;
    }

    record Booking(@NotNull UUID sessionId, @NotNull LocalDate date, @NotNull Period period,
                   @Positive int places, @NotBlank @Size(max = 20) String label, List<UUID> childIds) {
    }

    record NewAccount(String username, String password, Role role) {
    }

    record PasswordChange(String currentPassword, String newPassword) {
    }

    @GetMapping("/api/me")
    Map<String, Object> me(@AuthenticationPrincipal KlubUser user) {
        return Map.of("accountId", user.accountId(), "role", user.role(), "familyId", user.familyId().map(UUID::toString).orElse(""));
    }

    @PostMapping("/api/bookings")
    @ResponseStatus(HttpStatus.CREATED)
    Booking book(@Valid @RequestBody Booking booking) {
        return booking;
    }

    @GetMapping("/api/sessions/{sessionId}")
    Map<String, Object> session(@PathVariable UUID sessionId, @RequestParam LocalDate date,
                                @RequestParam(required = false) Period period, @RequestParam(required = false) YearMonth month) {
        return Map.of("sessionId", sessionId, "date", date);
    }

    @PostMapping("/api/guardians")
    fr.klub.domain.family.Guardian guardian(@RequestBody fr.klub.domain.family.Guardian guardian) {
        return guardian;
    }

    @PreAuthorize("hasRole('STAFF')")
    @GetMapping("/api/staff/things")
    List<String> staffOnly() {
        return List.of("ok");
    }

    @GetMapping("/api/tracking/{token}")
    Map<String, String> tracking(@PathVariable String token) {
        return Map.of("token", token);
    }

    @GetMapping("/api/refusals/{code}")
    void refuse(@PathVariable RefusalCode code, @RequestParam(defaultValue = "plain") String wrap) {
        Refusal refusal = new Refusal(code, "Refusé : " + code);
        switch (wrap) {
            case "completion" -> throw new CompletionException(refusal);
            case "command" -> throw new CommandExecutionException("wrapped", refusal);
            case "details" -> throw new CommandExecutionException("Refusé à distance", null, code.name());
            default -> throw refusal;
        }
    }

    @PostMapping("/api/commands/refused")
    void refusedCommand() {
        commandGateway.sendAndWait(new SampleCommands.RefuseThis(RefusalCode.SESSION_FULL));
    }

    @PostMapping("/api/commands/record")
    Map<String, String> recordCommand(@RequestParam(defaultValue = "false") boolean explicitMetadata) {
        UUID id = UUID.randomUUID();
        SampleCommands.RecordSomething command = new SampleCommands.RecordSomething(id);
        if (explicitMetadata) {
            commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(CommandMetadata.forCurrentRequest()));
        } else {
            commandGateway.sendAndWait(command);
        }
        return Map.of("aggregateId", id.toString());
    }

    @GetMapping("/api/failures/database")
    void databaseDown() {
        throw new CannotGetJdbcConnectionException("Connection refused (simulated)");
    }

    /** What Spring throws when the connection broke under a transaction (seen with the database stopped). */
    @GetMapping("/api/failures/rollback")
    void rollbackFailed() {
        throw new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                new java.sql.SQLException("Connection is closed"));
    }

    /** What a library (db-scheduler) throws when the pool hands it a connection closed by an outage. */
    @GetMapping("/api/failures/closed-connection")
    void closedConnection() {
        throw new IllegalStateException("Error when preparing statement.", new java.sql.SQLException("Connection is closed"));
    }

    /** What Spring throws when the client closed the connection before the answer was written. */
    @GetMapping("/api/failures/client-gone")
    void clientGone() throws org.springframework.web.context.request.async.AsyncRequestNotUsableException {
        throw new org.springframework.web.context.request.async.AsyncRequestNotUsableException(
                "ServletOutputStream failed to flush: java.io.IOException: Broken pipe");
    }

    @GetMapping("/api/failures/bug")
    void bug() {
        throw new IllegalStateException("internal secret detail");
    }

    @PreAuthorize("hasRole('STAFF')")
    @PostMapping("/api/staff/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> createAccount(@RequestBody NewAccount account) {
        return Map.of("accountId", accounts.createStaffAccount(account.username(), account.password(), account.role()).accountId().toString());
    }

    @PostMapping("/api/me/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@AuthenticationPrincipal KlubUser user, @RequestBody PasswordChange change) {
        accounts.changePassword(user.accountId(), change.currentPassword(), change.newPassword());
    }
}
