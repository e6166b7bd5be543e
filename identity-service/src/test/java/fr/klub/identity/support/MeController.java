package fr.klub.identity.support;

import java.util.Map;
import java.util.UUID;

import fr.klub.platform.security.KlubUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test only: who the platform's security says the caller is (the provider plays a service too). */
@RestController
class MeController {

    @GetMapping("/api/me")
    Map<String, Object> me(@AuthenticationPrincipal KlubUser user) {
        return Map.of("accountId", user.accountId().toString(), "username", user.username(), "role", user.role().name(),
                "familyId", user.familyId().map(UUID::toString).orElse(""));
    }
}
