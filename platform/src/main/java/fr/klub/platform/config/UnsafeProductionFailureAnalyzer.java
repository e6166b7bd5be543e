package fr.klub.platform.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused production start as a short "APPLICATION FAILED TO START" report, without a stack trace. */
class UnsafeProductionFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeProductionConfiguration> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeProductionConfiguration cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Configurez la production par l'environnement (voir la table « Configuration » du README) : "
                        + "KLUB_DB_URL, KLUB_DB_USER, KLUB_DB_PASSWORD vers PostgreSQL, des mots de passe propres "
                        + "dans KLUB_BOOTSTRAP_STAFF_PASSWORD / KLUB_BOOTSTRAP_AUDITOR_PASSWORD, et le seul profil prod.",
                cause);
    }
}
