package fr.klub.platform.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The public logins of the dev run, from {@code klub-demo-logins.properties}: the one place they are
 * written. The dev profile's demo loader creates them; {@code ProductionGuard} refuses them in
 * production.
 */
public record DemoLogins(Login parent, Login staff, Login auditor) {

    public static final String RESOURCE = "klub-demo-logins.properties";

    public record Login(String username, String password) {

        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    public static DemoLogins load() {
        try {
            Properties values = PropertiesLoaderUtils.loadProperties(new ClassPathResource(RESOURCE));
            return new DemoLogins(login(values, "parent"), login(values, "staff"), login(values, "auditor"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    public List<Login> all() {
        return List.of(parent, staff, auditor);
    }

    public List<String> passwords() {
        return all().stream().map(Login::password).toList();
    }

    private static Login login(Properties values, String who) {
        String username = values.getProperty(who + ".username");
        String password = values.getProperty(who + ".password");
        if (username == null || password == null) {
            throw new IllegalStateException(RESOURCE + " lacks " + who + ".username or " + who + ".password");
        }
        return new Login(username, password);
    }
}
