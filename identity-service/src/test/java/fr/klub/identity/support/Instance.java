package fr.klub.identity.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import fr.klub.identity.IdentityApplication;
import fr.klub.platform.security.AccountService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One identity-service started for a test, on a port known before it starts (the issuer names it),
 * with the given database; it also checks bearer tokens for {@code /api/me} (test controller).
 */
public final class Instance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private Instance(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    /** Issuer {@code http://localhost:port}, accepting its own tokens, with a script client bound to {@code scriptAccount}. */
    public static Instance start(int port, String database, String scriptAccount, String... extra) {
        return startOn("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", "sa", "", port, scriptAccount, extra);
    }

    /** The same on the database at {@code jdbcUrl} (PostgreSQL). */
    public static Instance startOn(String jdbcUrl, String user, String password, int port, String scriptAccount,
                                   String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + user,
                "--spring.datasource.password=" + password,
                "--klub.identity.issuer=http://localhost:" + port,
                "--klub.security.oidc.issuer-uri=http://localhost:" + port,
                "--klub.identity.portal.client-secret=secret-du-portail",
                "--klub.identity.portal.redirect-uris=http://127.0.0.1/portail/retour",
                "--klub.identity.portal.post-logout-redirect-uris=http://127.0.0.1/portail/",
                "--klub.identity.scripts[0].client-id=script",
                "--klub.identity.scripts[0].client-secret=secret-du-script",
                "--klub.identity.scripts[0].account=" + scriptAccount));
        // an extra setting replaces the default of the same name (a repeated option would become a list)
        for (String setting : extra) {
            String name = setting.substring(0, setting.indexOf('=') + 1);
            args.removeIf(arg -> arg.startsWith(name));
            args.add(setting);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(IdentityApplication.class)
                .run(args.toArray(String[]::new));
        return new Instance(context, port);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public AccountService accounts() {
        return context.getBean(AccountService.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
