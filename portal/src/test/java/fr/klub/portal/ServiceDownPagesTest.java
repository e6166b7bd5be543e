package fr.klub.portal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A service that does not answer — a port where nothing listens, a server that accepts and then
 * stays silent, or one that starts its answer and drops the connection — gives the parent a French
 * page saying so (503), after the configured timeout, never a stack trace. Shown on the public
 * tracking page, which needs no sign-in.
 */
@SpringBootTest(properties = {
        "klub.portal.oidc.client-secret=secret-de-test",
        "klub.portal.read-timeout=300ms",
        "klub.portal.connect-timeout=300ms"})
@AutoConfigureMockMvc
class ServiceDownPagesTest {

    private static final SilentServer SILENT = new SilentServer(null);
    /** Status and headers, the first bytes of the body, then the connection closed (seen under overload). */
    private static final SilentServer CUTTING = new SilentServer(("HTTP/1.1 200 OK\r\n"
            + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"demandeId\":").getBytes());
    private static final int NOTHING_LISTENS = freePort();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("klub.portal.query-url", () -> "http://127.0.0.1:" + NOTHING_LISTENS);
    }

    @Autowired
    MockMvc mvc;

    @AfterAll
    static void close() {
        SILENT.close();
        CUTTING.close();
    }

    @Test
    void aServiceThatRefusesConnectionsGivesTheUnavailablePage() throws Exception {
        mvc.perform(get("/suivi/un-jeton"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(allOf(
                        containsString("Le service ne répond pas pour le moment"),
                        containsString("lang=\"fr\""),
                        not(containsString("Exception")))));
    }

    @Test
    void aServiceThatNeverAnswersTimesOutIntoTheUnavailablePage() throws Exception {
        // a second portal, whose query-service is the silent server: the read timeout ends the wait
        assertTheUnavailablePageWhenTheQueryServiceIs(SILENT);
    }

    @Test
    void anAnswerCutShortGivesTheUnavailablePage() throws Exception {
        assertTheUnavailablePageWhenTheQueryServiceIs(CUTTING);
    }

    private static void assertTheUnavailablePageWhenTheQueryServiceIs(SilentServer server) throws Exception {
        String serverUrl = "http://127.0.0.1:" + server.port();
        try (ConfigurableApplicationContext portal = new SpringApplicationBuilder(PortalApplication.class)
                .run("--server.port=0", "--klub.portal.oidc.client-secret=secret-de-test",
                        "--klub.portal.read-timeout=300ms", "--klub.portal.query-url=" + serverUrl)) {
            int port = ((WebServerApplicationContext) portal).getWebServer().getPort();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/suivi/un-jeton")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("Le service ne répond pas pour le moment").doesNotContain("Exception");
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Accepts connections and never writes a byte (a service hung on a lock or a full disk), or, given
     * {@code firstBytes}, writes them and closes the connection.
     */
    static final class SilentServer implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> held = new ArrayList<>();

        SilentServer(byte[] firstBytes) {
            try {
                server = new ServerSocket(0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread accept = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        if (firstBytes != null) {
                            socket.getInputStream().read(new byte[8192]);
                            socket.getOutputStream().write(firstBytes);
                            socket.getOutputStream().flush();
                            socket.close();
                            continue;
                        }
                        synchronized (held) {
                            held.add(socket);
                        }
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-server");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() {
            try {
                server.close();
                synchronized (held) {
                    for (Socket socket : held) {
                        socket.close();
                    }
                }
            } catch (IOException ignored) {
                // closing a test server
            }
        }
    }
}
