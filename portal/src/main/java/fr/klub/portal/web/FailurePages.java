package fr.klub.portal.web;

import fr.klub.portal.api.ApiRefusal;
import fr.klub.portal.api.ServiceUnavailable;
import fr.klub.portal.api.SignInAgain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What a page shows when its call did not succeed and the controller had nothing better to say:
 * a French page, with the right status, never a stack trace. Logs name the service and the path,
 * never the parent's data.
 */
@ControllerAdvice
class FailurePages {

    private static final Logger log = LoggerFactory.getLogger(FailurePages.class);

    @ExceptionHandler(ServiceUnavailable.class)
    String unavailable(ServiceUnavailable failure, HttpServletResponse response) {
        log.warn("{} unavailable ({})", failure.service(), failure.getCause() == null ? "?" : failure.getCause().getClass().getSimpleName());
        response.setStatus(503);
        return "indisponible";
    }

    @ExceptionHandler(SignInAgain.class)
    String signInAgain(HttpServletRequest request) {
        request.getSession().invalidate();
        return "redirect:/oauth2/authorization/klub";
    }

    @ExceptionHandler(ApiRefusal.class)
    String refused(ApiRefusal refusal, HttpServletResponse response, org.springframework.ui.Model model) {
        response.setStatus(refusal.notFound() ? 404 : refusal.status());
        model.addAttribute("detail", refusal.notFound() ? null : refusal.detail());
        return refusal.notFound() ? "introuvable" : "refus";
    }
}
