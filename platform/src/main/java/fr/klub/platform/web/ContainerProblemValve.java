package fr.klub.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tomcat's error report, as problem+json instead of its HTML page. Tomcat refuses some requests
 * before any filter or servlet sees them (an encoded NUL, backslash or invalid UTF-8 in the path,
 * a path above the root, a request line too long); its default valve then answers an HTML page
 * naming the server. This valve answers what {@link ProblemErrorController} answers for errors
 * that reach Spring: the status, its stable code and a French detail — no request id (the
 * request-id filter never ran), no echo of the refused request.
 */
public class ContainerProblemValve extends ErrorReportValve {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        HttpStatus known = resolved != null ? resolved : HttpStatus.BAD_REQUEST;
        try {
            String body = JSON.writeValueAsString(Problems.asMap(Problems.problem(known,
                    ProblemCodes.forStatus(known.value()), ProblemHandler.genericDetail(known))));
            response.setContentType(Problems.PROBLEM_JSON.toString());
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone or the response already started: nothing more can be said
        }
    }
}
