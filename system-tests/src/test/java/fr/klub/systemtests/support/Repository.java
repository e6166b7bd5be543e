package fr.klub.systemtests.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository this build runs in (docker-compose.yml, Dockerfile, the modules' sources). */
public final class Repository {

    private Repository() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("klub.repository.root", "..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("system-tests"))) {
            throw new IllegalStateException("Not the repository root: " + root);
        }
        return root;
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
