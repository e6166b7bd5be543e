package fr.klub.domain.session;

import java.time.Instant;
import java.util.UUID;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import fr.klub.domain.shared.ReleaseReason;
import fr.klub.domain.shared.BuildingBlock;

/** Building block: give a child's place (online or on-site) back to the session. Releasing twice changes nothing. */
public record ReleasePlace(@TargetAggregateIdentifier UUID sessionId, UUID childId, ReleaseReason reason, Instant at)
        implements BuildingBlock {
}
