package fr.klub.portal.agent.families;

import java.util.stream.Collectors;

import fr.klub.portal.api.QueryApi;

/** How the staff's pages name a family: its guardians, "Marie DUPONT et Paul DUPONT". */
final class FamilyName {

    private FamilyName() {
    }

    static String of(QueryApi.Family family) {
        String names = family.guardians().stream().map(g -> g.firstName() + " " + g.lastName())
                .collect(Collectors.joining(" et "));
        return names.isBlank() ? String.valueOf(family.familyId()) : names;
    }

    /** The search word that finds the family again: its first guardian's last name. */
    static String searchWord(QueryApi.Family family) {
        return family.guardians().isEmpty() ? "" : family.guardians().get(0).lastName();
    }
}
