package fr.klub.platform.config;

import java.util.List;

/** The prod profile was asked for with settings that would run it unsafely; the service does not start. */
public class UnsafeProductionConfiguration extends IllegalStateException {

    private final List<String> problems;

    public UnsafeProductionConfiguration(List<String> problems) {
        super("Profil prod : démarrage refusé.\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
