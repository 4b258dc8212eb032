package io.orderengine.infrastructure.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.orderengine.messages.privacy.DataSubject;
import io.orderengine.messages.privacy.PersonalData;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Personal data in a JSON document that is not one of our messages (a payment provider's webhook payload): every
 * string under a member named in {@code personalKeys} (the member itself, or anything nested in it, but a country)
 * is sealed with the data subject's key as event fields are ({@link PersonalDataCipher}), so erasing the subject
 * makes it unreadable; everything else (ids, amounts, types, metadata) stays as it is. When the subject is unknown,
 * or erased already, those strings are not kept at all: they are written as {@link PersonalData#ERASED}.
 */
public final class PersonalJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> KEPT_IN_CLEAR = Set.of("country", "country_code");

    private final PersonalDataCipher cipher;

    public PersonalJson(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * {@code json} with its personal strings sealed for {@code subject} (or erased when there is none); text that is
     * not a JSON object or array is returned unchanged.
     */
    public String seal(String json, Set<String> personalKeys, Optional<DataSubject> subject) {
        JsonNode root = parse(json);
        if (root == null) {
            return json;
        }
        PersonalDataCipher.Sealer sealer = subject.filter(this::writable)
                .<PersonalDataCipher.Sealer>map(cipher::sealer)
                .orElse(plain -> PersonalData.ERASED);
        seal(root, personalKeys, sealer, false);
        return root.toString();
    }

    /** {@code json} with every sealed string opened ({@link PersonalData#ERASED} where the subject was erased). */
    public String open(String json) {
        JsonNode root = parse(json);
        if (root == null) {
            return json;
        }
        open(root);
        return root.toString();
    }

    /** A subject whose values may be sealed: known, and not erased (an erased guest's e-mail reads as the placeholder). */
    private boolean writable(DataSubject subject) {
        return !PersonalData.ERASED.equals(subject.value())
                && cipher.keys().erasedAt(cipher.keyId(subject)).isEmpty();
    }

    private static void seal(JsonNode node, Set<String> keys, PersonalDataCipher.Sealer sealer, boolean personal) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                boolean inside = (personal || keys.contains(field.getKey())) && !KEPT_IN_CLEAR.contains(field.getKey());
                if (value.isTextual()) {
                    if (inside && !PersonalDataCipher.isSealed(value.textValue())) {
                        field.setValue(TextNode.valueOf(sealer.seal(value.textValue())));
                    }
                } else if (value.isContainerNode()) {
                    seal(value, keys, sealer, inside);
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (personal && element.isTextual() && !PersonalDataCipher.isSealed(element.textValue())) {
                    ((ArrayNode) node).set(i, TextNode.valueOf(sealer.seal(element.textValue())));
                } else {
                    seal(element, keys, sealer, personal);
                }
            }
        }
    }

    private void open(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode value = field.getValue();
                if (value.isTextual() && PersonalDataCipher.isSealed(value.textValue())) {
                    field.setValue(TextNode.valueOf(cipher.open(value.textValue())));
                } else if (value.isContainerNode()) {
                    open(value);
                }
            }
        } else if (node != null && node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                if (element.isTextual() && PersonalDataCipher.isSealed(element.textValue())) {
                    ((ArrayNode) node).set(i, TextNode.valueOf(cipher.open(element.textValue())));
                } else {
                    open(element);
                }
            }
        }
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(json);
            return root != null && root.isContainerNode() ? root : null;
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
