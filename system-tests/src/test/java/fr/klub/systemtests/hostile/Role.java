package fr.klub.systemtests.hostile;

import fr.klub.platform.demo.DemoLogins;

/** Who sends a request: nobody signed in, or one of the dev run's demo logins (or the suite's own parent). */
record Role(String name, DemoLogins.Login login) {

    static Role anonymous() {
        return new Role("sans identifiants", null);
    }

    @Override
    public String toString() {
        return name;
    }
}
