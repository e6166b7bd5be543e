package fr.klub.platform.privacy;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The crypto-shredding's settings ({@code klub.privacy.*}, docs/decisions/privacy-crypto-shredding.md).
 *
 * @param masterKey          base64 AES-256 key wrapping the families' data keys ({@code KLUB_MASTER_KEY}); blank
 *                           outside production means the public {@link MasterKeys#DEV_KEY}, which {@code prod} refuses
 * @param masterKeyId        the id recorded with every key it wraps; change it with the key when rotating
 * @param previousMasterKeys id → base64 key of master keys rotated out, still needed until {@code rewrap()}
 * @param encryption         whether new personal values are sealed; off only for the benchmark's comparison
 *                           ({@code prod} refuses it); stored sealed values are opened either way
 * @param keyCacheTtl        how long a service keeps a family's key in memory; an erasure made by another service
 *                           is seen within this time
 */
@ConfigurationProperties("klub.privacy")
public record PrivacyProperties(String masterKey, String masterKeyId, Map<String, String> previousMasterKeys,
                                Boolean encryption, Duration keyCacheTtl) {

    public PrivacyProperties {
        masterKey = masterKey == null || masterKey.isBlank() ? MasterKeys.DEV_KEY : masterKey;
        masterKeyId = masterKeyId == null || masterKeyId.isBlank() ? "1" : masterKeyId;
        previousMasterKeys = previousMasterKeys == null ? Map.of() : Map.copyOf(previousMasterKeys);
        encryption = encryption == null || encryption;
        keyCacheTtl = keyCacheTtl == null ? Duration.ofSeconds(30) : keyCacheTtl;
        if (keyCacheTtl.isNegative()) {
            throw new IllegalArgumentException("klub.privacy.key-cache-ttl must not be negative");
        }
    }

    /** What configuration binding prints: never the keys. */
    @Override
    public String toString() {
        return "PrivacyProperties[masterKeyId=" + masterKeyId + ", previous=" + previousMasterKeys.keySet()
                + ", encryption=" + encryption + ", keyCacheTtl=" + keyCacheTtl + "]";
    }
}
