package fr.klub.domain.family;

/** How a guardian is addressed in letters: "Madame" / "Monsieur". */
public enum Civility {
    MME("Madame"),
    M("Monsieur");

    private final String salutation;

    Civility(String salutation) {
        this.salutation = salutation;
    }

    public String salutation() {
        return salutation;
    }
}
