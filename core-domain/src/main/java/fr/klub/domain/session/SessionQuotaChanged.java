package fr.klub.domain.session;

import java.util.UUID;

import org.axonframework.serialization.Revision;

@Revision("1")
public record SessionQuotaChanged(UUID sessionId, int capacity, int onlineQuota) {
}
