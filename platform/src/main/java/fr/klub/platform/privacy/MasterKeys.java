package fr.klub.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.SecretKey;

/**
 * The master keys that wrap the families' data keys: the current one wraps new keys, older ones (after a
 * rotation) still unwrap the keys they wrapped until {@link FamilyKeys#rewrap()} has moved them. Each is a
 * base64 AES-256 key known by an id that the key table records with every wrapped key.
 */
public final class MasterKeys {

    /**
     * The dev and test master key: public (it is in the source), so the {@code prod} profile refuses it.
     * Fixed rather than generated so that the services of one dev run, sharing one database, agree on it.
     */
    public static final String DEV_KEY = "QdFhCmTPBoeBI/BpUI9/Uy16u5U9xf28yPNj3Jcstvg=";

    private final String currentId;
    private final Map<String, SecretKey> keys;

    MasterKeys(String currentId, String currentKey, Map<String, String> previous) {
        if (currentId == null || currentId.isBlank() || currentId.length() > 64) {
            throw new IllegalArgumentException("klub.privacy.master-key-id must be 1 to 64 characters");
        }
        this.currentId = currentId;
        Map<String, SecretKey> all = new LinkedHashMap<>();
        previous.forEach((id, key) -> all.put(id, parse("klub.privacy.previous-master-keys." + id, key)));
        all.put(currentId, parse("klub.privacy.master-key", currentKey));
        this.keys = Map.copyOf(all);
    }

    private static SecretKey parse(String property, String base64) {
        try {
            return Aes.key(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            // never echo the value: it is the secret
            throw new IllegalArgumentException(property + " must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)");
        }
    }

    String currentId() {
        return currentId;
    }

    byte[] wrap(UUID familyId, SecretKey dataKey) {
        return Aes.seal(keys.get(currentId), dataKey.getEncoded(), associated(familyId));
    }

    SecretKey unwrap(UUID familyId, String masterKeyId, byte[] wrapped) {
        SecretKey master = keys.get(masterKeyId);
        if (master == null) {
            throw new IllegalStateException("the data key of a family is wrapped by master key '" + masterKeyId
                    + "', which the configuration does not hold (klub.privacy.previous-master-keys." + masterKeyId + ")");
        }
        return Aes.key(Aes.open(master, wrapped, associated(familyId)));
    }

    /** A wrapped key names its family, so a row copied onto another family does not unwrap. */
    private static byte[] associated(UUID familyId) {
        return ("klub-family-key:" + familyId).getBytes(StandardCharsets.US_ASCII);
    }
}
