package fr.klub.portal;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The command- and query-services as a page test needs them: an HTTP server on a free local port
 * whose every request goes to {@link #answer}. Each test writes the answers its page reads.
 */
public abstract class StubServices implements AutoCloseable {

    private final HttpServer server;

    protected StubServices() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::answer);
        server.start();
    }

    /** The base address both services' URLs point at. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    protected abstract void answer(HttpExchange exchange) throws IOException;

    @Override
    public void close() {
        server.stop(0);
    }
}
