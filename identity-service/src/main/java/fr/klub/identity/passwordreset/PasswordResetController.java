package fr.klub.identity.passwordreset;

import java.time.Duration;
import java.util.Optional;

import fr.klub.platform.security.SignInThrottle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "J'ai oublié mon mot de passe": {@code /mot-de-passe-oublie} asks for a link (the same answer for
 * any login; each request costs like a failed sign-in, so the throttle limits them per login and
 * per address), {@code /mot-de-passe/nouveau?jeton=…} sets the new password.
 */
@Controller
class PasswordResetController {

    static final String REQUEST_PATH = "/mot-de-passe-oublie";
    static final String RESET_PATH = "/mot-de-passe/nouveau";

    private final PasswordResets resets;
    private final SignInThrottle throttle;

    PasswordResetController(PasswordResets resets, SignInThrottle throttle) {
        this.resets = resets;
        this.throttle = throttle;
    }

    @GetMapping(REQUEST_PATH)
    String requestForm(@RequestParam(name = "envoye", required = false) String sent,
                       @RequestParam(name = "attente", required = false) Long waitSeconds, Model model,
                       HttpServletResponse response) {
        model.addAttribute("sent", sent != null);
        if (waitSeconds != null) {
            model.addAttribute("wait", inFrench(Math.min(Math.max(waitSeconds, 1), 24 * 3600)));
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        }
        return "mot-de-passe-oublie";
    }

    @PostMapping(REQUEST_PATH)
    String request(@RequestParam(name = "identifiant", defaultValue = "") String username, HttpServletRequest request) {
        Optional<Duration> wait = throttle.costlyAttempt(username, request.getRemoteAddr());
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toNanosPart() > 0 ? 1 : 0));
            return "redirect:" + REQUEST_PATH + "?attente=" + seconds;
        }
        resets.request(username);
        return "redirect:" + REQUEST_PATH + "?envoye";
    }

    @GetMapping(RESET_PATH)
    String resetForm(@RequestParam(name = "jeton", defaultValue = "") String token, Model model,
                     HttpServletResponse response) {
        noReferrer(response);
        if (!resets.isValid(token)) {
            return invalidLink(model, response);
        }
        model.addAttribute("token", token);
        model.addAttribute("state", "form");
        return "nouveau-mot-de-passe";
    }

    @PostMapping(RESET_PATH)
    String reset(@RequestParam(name = "jeton", defaultValue = "") String token,
                 @RequestParam(name = "motDePasse", defaultValue = "") String password,
                 @RequestParam(name = "confirmation", defaultValue = "") String confirmation,
                 Model model, HttpServletResponse response) {
        noReferrer(response);
        if (!password.equals(confirmation)) {
            return refused(token, "reinitialisation.erreur.confirmation", null, model, response);
        }
        ResetOutcome outcome = resets.complete(token, password);
        if (outcome instanceof ResetOutcome.Refused refused) {
            return refused(token, null, refused.message(), model, response);
        }
        if (outcome instanceof ResetOutcome.LinkInvalid) {
            return invalidLink(model, response);
        }
        model.addAttribute("state", "done");
        return "nouveau-mot-de-passe";
    }

    private static String refused(String token, String messageKey, String message, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("token", token);
        model.addAttribute("state", "form");
        model.addAttribute("errorKey", messageKey);
        model.addAttribute("errorText", message);
        return "nouveau-mot-de-passe";
    }

    private static String invalidLink(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("state", "invalid");
        return "nouveau-mot-de-passe";
    }

    /** The token is in the address: it must not leave in a Referer header. */
    private static void noReferrer(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    private static String inFrench(long seconds) {
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " seconde" : " secondes");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
