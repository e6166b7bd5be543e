package fr.klub.notification.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

class LetterWriterTest {

    private static final List<Addressee> LAETITIA = List.of(new Addressee("MME", "Laëtitia", "Test", "laetitia@example.org"));
    private static final Instant SEPT_30_NOON_PARIS = Instant.parse("2020-09-30T10:06:00Z");

    private final LetterWriter writer = writer("Auray", "");

    private static LetterWriter writer(String town, String ofName) {
        return new LetterWriter(new DefaultResourceLoader(), new TownSettings(town, ofName, ZoneId.of("Europe/Paris")),
                new LinkSettings("/suivi/{token}", "/liste-attente", "classpath:/mail/"), "https://klub.example.org/");
    }

    @Test
    void depositLetterUsesTheSeedWordingWithTheTrackingLink() {
        Letter letter = writer.deposit(LAETITIA, 11107, SEPT_30_NOON_PARIS, "UGJKHXZsRSNgQchOvEZ83");

        assertThat(letter.subject()).isEqualTo("Votre demande N° 11107 (Réservation de séances) a bien été reçue");
        assertThat(letter.text()).isEqualTo("""
                Bonjour Mme Laëtitia TEST,

                Nous avons bien reçu votre demande (Réservation de séances).

                Le service concerné vous tiendra régulièrement informé de l'avancement de son instruction, \
                dont les détails peuvent être consultés en cliquant sur ce lien : \
                https://klub.example.org/suivi/UGJKHXZsRSNgQchOvEZ83.

                Cordialement,

                La Ville d'Auray
                """);
        assertThat(letter.html())
                .contains("<a href=\"https://klub.example.org/suivi/UGJKHXZsRSNgQchOvEZ83\">")
                .contains("Bonjour Mme Laëtitia TEST,")
                .contains("La Ville d&#39;Auray")
                .doesNotContain("${");
    }

    @Test
    void acceptedLetterGivesTheDepositDateInTheTownsTimeZone() {
        Letter letter = writer.accepted(LAETITIA, 11107, Instant.parse("2020-09-30T22:30:00Z"));

        assertThat(letter.text())
                .contains("Votre demande Réservation de séances déposée le 1er octobre 2020 a été traitée positivement.")
                .contains("Vous pouvez dès à présent consulter vos réservations sur votre espace famille.");
        assertThat(letter.subject()).contains("N° 11107").contains("traitée positivement");
    }

    @Test
    void refusedLetterGivesTheReasonEscapedInHtml() {
        Letter letter = writer.refused(LAETITIA, 11107, SEPT_30_NOON_PARIS, "Pièces manquantes <attestation> & factures");

        assertThat(letter.text())
                .contains("déposée le 30 septembre 2020 a été traitée négativement.")
                .contains("Motif : Pièces manquantes <attestation> & factures");
        assertThat(letter.html())
                .contains("Motif : Pièces manquantes &lt;attestation&gt; &amp; factures")
                .doesNotContain("<attestation>");
    }

    @Test
    void sessionCancelledLetterNamesTheSessionAndEveryChildOfTheFamily() {
        Letter letter = writer.sessionCancelled(LAETITIA, "Danse latine", LocalDate.of(2020, 10, 19), "matin",
                List.of("Thaïs", "Eden"), "Intervenant absent");

        assertThat(letter.subject()).isEqualTo("Annulation de la séance « Danse latine » du lundi 19 octobre 2020");
        assertThat(letter.text())
                .contains("La séance « Danse latine » du lundi 19 octobre 2020 (matin) a été annulée")
                .contains("Motif : Intervenant absent")
                .contains("Réservation annulée pour : Thaïs et Eden.");
    }

    @Test
    void draftExpiredLetterSaysThePlacesAreGone() {
        Letter letter = writer.draftExpired(LAETITIA, SEPT_30_NOON_PARIS);

        assertThat(letter.text()).contains("commencée le 30 septembre 2020 n'a pas été validée à temps");
    }

    @Test
    void offerLetterGivesTheSessionTheChildTheDeadlineInTheTownsZoneAndTheWaitingListsLink() {
        Letter letter = writer.placeOffered(LAETITIA, "Danse latine", LocalDate.of(2020, 10, 19), "matin", "Thaïs",
                Instant.parse("2020-10-17T08:30:00Z"));

        assertThat(letter.subject()).isEqualTo("Une place s'est libérée : « Danse latine » du lundi 19 octobre 2020");
        assertThat(letter.text()).isEqualTo("""
                Bonjour Mme Laëtitia TEST,

                Une place s'est libérée pour Thaïs sur la liste d'attente de la séance suivante :

                Activité : Danse latine
                Date : lundi 19 octobre 2020
                Créneau : Matin

                Cette place est réservée à Thaïs jusqu'au samedi 17 octobre 2020 à 10 h 30. \
                Pour l'accepter ou la refuser, rendez-vous sur vos listes d'attente : \
                https://klub.example.org/liste-attente.

                Sans réponse de votre part à cette échéance, la place sera proposée à l'enfant suivant \
                sur la liste d'attente.

                Cordialement,

                La Ville d'Auray
                """);
        assertThat(letter.html())
                .contains("<a href=\"https://klub.example.org/liste-attente\">")
                .contains("<li>Créneau : Matin</li>")
                .contains("<strong>jusqu'au samedi 17 octobre 2020 à 10 h 30</strong>")
                .contains("La Ville d&#39;Auray")
                .doesNotContain("${");
    }

    @Test
    void offerDeadlineInWinterTimeAndOnTheFirstOfTheMonth() {
        Letter letter = writer.placeOffered(LAETITIA, "Repas", LocalDate.of(2020, 11, 2), "après-midi", "Eden",
                Instant.parse("2020-10-31T23:05:00Z"));

        assertThat(letter.text())
                .contains("Créneau : Après-midi")
                .contains("jusqu'au dimanche 1er novembre 2020 à 0 h 05.");
    }

    @Test
    void lapsedOfferLetterSaysTheOfferExpiredAndThePlaceWentOn() {
        Letter letter = writer.offerLapsed(LAETITIA, "Danse latine", LocalDate.of(2020, 10, 19), "matin", "Thaïs",
                Instant.parse("2020-10-17T08:30:00Z"));

        assertThat(letter.subject()).isEqualTo("Offre expirée : « Danse latine » du lundi 19 octobre 2020");
        assertThat(letter.text()).isEqualTo("""
                Bonjour Mme Laëtitia TEST,

                La place proposée à Thaïs pour la séance « Danse latine » du lundi 19 octobre 2020 (matin) \
                n'a pas été acceptée avant le samedi 17 octobre 2020 à 10 h 30 : l'offre a expiré.

                La place est passée à l'enfant suivant sur la liste d'attente (ou, si personne n'attendait, \
                a été remise en réservation). Thaïs ne figure plus sur la liste d'attente de cette séance.

                Vous pouvez consulter vos listes d'attente depuis votre espace famille : \
                https://klub.example.org/liste-attente.

                Cordialement,

                La Ville d'Auray
                """);
        assertThat(letter.html())
                .contains("<strong>l'offre a expiré</strong>")
                .contains("<a href=\"https://klub.example.org/liste-attente\">")
                .doesNotContain("${");
    }

    @Test
    void waitlistLetterEscapesTheActivityAndTheChildInHtml() {
        Letter letter = writer.placeOffered(LAETITIA, "Atelier <perles> & bijoux", LocalDate.of(2020, 10, 22), "matin",
                "Zoé", Instant.parse("2020-10-21T08:00:00Z"));

        assertThat(letter.text()).contains("Activité : Atelier <perles> & bijoux");
        assertThat(letter.html()).contains("Activité : Atelier &lt;perles&gt; &amp; bijoux").doesNotContain("<perles>");
    }

    @Test
    void waitlistLinkIsTheConfiguredPathUnderThePublicBaseUrl() {
        LetterWriter portal = new LetterWriter(new DefaultResourceLoader(),
                new TownSettings("Auray", "", ZoneId.of("Europe/Paris")),
                new LinkSettings("/suivi/{token}", "espace-famille/attente", "classpath:/mail/"), "https://ville.example");

        assertThat(portal.placeOffered(LAETITIA, "Repas", LocalDate.of(2020, 10, 19), "midi", "Eden",
                Instant.parse("2020-10-18T10:00:00Z")).text())
                .contains("listes d'attente : https://ville.example/espace-famille/attente.");
    }

    @Test
    void greetsEveryGuardianOfTheFamily() {
        Letter letter = writer.accepted(List.of(LAETITIA.get(0), new Addressee("M", "Paul", "Martin", "paul@example.org")),
                1, SEPT_30_NOON_PARIS);

        assertThat(letter.text()).startsWith("Bonjour Mme Laëtitia TEST et M. Paul MARTIN,");
    }

    @Test
    void townNameIsConfigurationWithFrenchElision() {
        assertThat(writer("Vannes", "").accepted(LAETITIA, 1, SEPT_30_NOON_PARIS).text()).endsWith("La Ville de Vannes\n");
        assertThat(writer("Le Havre", "").accepted(LAETITIA, 1, SEPT_30_NOON_PARIS).text()).endsWith("La Ville du Havre\n");
        assertThat(writer("Houilles", "de Houilles").accepted(LAETITIA, 1, SEPT_30_NOON_PARIS).text())
                .endsWith("La Ville de Houilles\n");
    }

    @Test
    void trackingTokenIsEncodedAsOnePathSegment() {
        assertThat(writer.trackingLink("a/b c")).isEqualTo("https://klub.example.org/suivi/a%2Fb%20c");
    }

    @Test
    void aPlaceholderWithoutValueIsAnErrorNotAHoleInTheLetter() {
        LetterTemplates templates = new LetterTemplates(new DefaultResourceLoader(), "classpath:/mail/",
                List.of("demande-accepted"));

        assertThatThrownBy(() -> templates.render("demande-accepted", Map.of("greeting", "Mme X")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("${");
    }

    @Test
    void lotteryResultSaysSoWhenAFamilyObtainedNothingAndEscapesItsLinesInHtml() {
        Letter letter = writer.lotteryResult(LAETITIA, "Été <2020>", SEPT_30_NOON_PARIS, List.of(
                new DrawLine("Thaïs", "Poney & cheval", LocalDate.of(2020, 10, 19), fr.klub.domain.shared.Period.MATIN, 4)));

        assertThat(letter.subject()).isEqualTo("Résultat du tirage au sort : « Été <2020> »");
        assertThat(letter.text())
                .contains("Places obtenues :\n- aucune place\n")
                .contains("Listes d'attente :\n- Thaïs : « Poney & cheval » le lundi 19 octobre 2020 (matin) — en attente, position 4\n");
        assertThat(letter.html())
                .contains("<li>aucune place</li>")
                .contains("<li>Thaïs : « Poney &amp; cheval » le lundi 19 octobre 2020 (matin) — en attente, position 4</li>")
                .contains("« Été &lt;2020&gt; »")
                .doesNotContain("${");
    }
}
