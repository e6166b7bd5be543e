package fr.klub.command.family;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import fr.klub.domain.family.FamilyErased;
import fr.klub.platform.privacy.FamilyKeys;
import fr.klub.platform.security.AccountService;

/**
 * What an erasure does beyond its event, in the transaction that appends {@link FamilyErased} (a
 * <em>subscribing</em> handler whose failure rolls the erasure back): the family's data key is destroyed, so
 * every personal value of its history reads "[effacé]" from now on, and its logins are closed. The read models,
 * notification contacts and the confirmation mail react in their own services (docs/decisions/privacy-crypto-shredding.md).
 */
@Component
@ProcessingGroup(FamilyErasure.PROCESSING_GROUP)
class FamilyErasure {

    static final String PROCESSING_GROUP = "command-family-erasure";

    private final FamilyKeys keys;
    private final AccountService accounts;

    FamilyErasure(FamilyKeys keys, AccountService accounts) {
        this.keys = keys;
        this.accounts = accounts;
    }

    @EventHandler
    void on(FamilyErased event) {
        keys.destroy(event.familyId());
        accounts.closeFamilyAccounts(event.familyId());
    }
}
