package fr.klub.platform.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import fr.klub.domain.shared.Erased;

/**
 * Seals one personal value with its family's key, and opens it again. A sealed value is a JSON string
 * {@code pd1:<familyId>:<base64url(nonce, ciphertext, tag)>}: the field keeps its JSON type, a value names the
 * key that opens it (no lookup of the owning family when reading), and a plaintext value of a history written
 * before encryption — which has no such prefix — is read as it is (docs/decisions/privacy-crypto-shredding.md).
 */
public final class PersonalValues {

    private static final String PREFIX = "pd1:";
    private static final int UUID_LENGTH = 36;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final FamilyKeys keys;

    PersonalValues(FamilyKeys keys) {
        this.keys = keys;
    }

    /** Whether a stored text is a sealed value (rather than a plaintext one, or the erased marker). */
    public static boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX) && text.length() > PREFIX.length() + UUID_LENGTH + 1
                && text.charAt(PREFIX.length() + UUID_LENGTH) == ':';
    }

    /** The sealed form of {@code text}; {@value Erased#TEXT} once the family is erased (nothing left to protect). */
    String seal(UUID familyId, String text) {
        if (Erased.is(text)) {
            return text;
        }
        if (keys.forWriting(familyId) instanceof FamilyKeys.Live live) {
            return PREFIX + familyId + ':' + ENCODER.encodeToString(
                    Aes.seal(live.key(), text.getBytes(StandardCharsets.UTF_8), associated(familyId)));
        }
        return Erased.TEXT;
    }

    /** The plaintext of a sealed value, or {@value Erased#TEXT} when its family's key is destroyed. */
    public String open(String sealed) {
        UUID familyId = UUID.fromString(sealed.substring(PREFIX.length(), PREFIX.length() + UUID_LENGTH));
        if (keys.forReading(familyId) instanceof FamilyKeys.Live live) {
            byte[] sealedBytes = DECODER.decode(sealed.substring(PREFIX.length() + UUID_LENGTH + 1));
            return new String(Aes.open(live.key(), sealedBytes, associated(familyId)), StandardCharsets.UTF_8);
        }
        return Erased.TEXT;
    }

    private static byte[] associated(UUID familyId) {
        return familyId.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A stored payload as JSON with every sealed value opened (or {@value Erased#TEXT}), in place: what the
     * audit shows and exports, the history as readable as before encryption and erased where it must be.
     */
    public JsonNode openAll(JsonNode payload) {
        if (payload instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(openAll(field.getValue()));
            }
        } else if (payload instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, openAll(array.get(i)));
            }
        } else if (payload != null && payload.isTextual() && isSealed(payload.textValue())) {
            return TextNode.valueOf(open(payload.textValue()));
        }
        return payload;
    }
}
