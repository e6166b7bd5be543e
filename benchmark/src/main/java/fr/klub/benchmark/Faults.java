package fr.klub.benchmark;

final class Faults {

    private final Settings settings;

    Faults(Settings settings) {
        this.settings = settings;
    }

    void runAll() {
        throw new UnsupportedOperationException(settings.scale());
    }
}
