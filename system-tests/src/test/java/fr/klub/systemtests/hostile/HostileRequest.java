package fr.klub.systemtests.hostile;

import java.util.List;
import java.util.Map;

/**
 * One request of the suite: which operation it exercises, what is hostile about it (for the
 * report), and the bytes to send. {@code target} is the raw path and query, already
 * percent-encoded as the attacker chose; {@code body} may be any bytes, or {@code null}.
 */
record HostileRequest(ApiOperation operation, String hostility, String method, String target,
                      List<Map.Entry<String, String>> headers, byte[] body, Expectation expected) {

    HostileRequest {
        headers = List.copyOf(headers);
    }

    HostileRequest expecting(Expectation expectation) {
        return new HostileRequest(operation, hostility, method, target, headers, body, expectation);
    }
}
