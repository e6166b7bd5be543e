package fr.klub.identity.signin;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page ({@code /connexion}) and the page shown to someone who signs in directly ({@code /}). */
@Controller
class SignInController {

    static final String PATH = "/connexion";
    private static final long MAX_SHOWN_WAIT = 24 * 3600;

    @GetMapping(PATH)
    String signIn(@RequestParam(name = "erreur", required = false) String error,
                  @RequestParam(name = "attente", required = false) String wait,
                  Model model, HttpServletResponse response) {
        SignInError.of(error).ifPresent(known -> {
            model.addAttribute("error", known.messageKey());
            model.addAttribute("wait", inFrench(seconds(wait)));
            response.setStatus(known == SignInError.TENTATIVES ? HttpStatus.TOO_MANY_REQUESTS.value()
                    : known == SignInError.INDISPONIBLE ? HttpStatus.SERVICE_UNAVAILABLE.value()
                    : HttpStatus.UNAUTHORIZED.value());
        });
        return "connexion";
    }

    @GetMapping("/")
    String signedIn() {
        return "connecte";
    }

    private static long seconds(String wait) {
        try {
            long seconds = wait == null ? 60 : Long.parseLong(wait);
            return Math.min(Math.max(seconds, 1), MAX_SHOWN_WAIT);
        } catch (NumberFormatException notANumber) {
            return 60;
        }
    }

    private static String inFrench(long seconds) {
        if (seconds < 60) {
            return seconds + (seconds == 1 ? " seconde" : " secondes");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }
}
