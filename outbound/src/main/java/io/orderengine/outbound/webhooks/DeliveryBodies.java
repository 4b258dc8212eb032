package io.orderengine.outbound.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderengine.messages.privacy.PersonalData;
import java.util.List;

/**
 * The personal data in an order webhook's body ({@link WebhookOutbox}): the customer's e-mail, the shipping address
 * but its country, and the free text of the event (a cancel reason, return reasons, an edit's note, whoever wrote
 * them). {@link #erase} replaces each by {@link PersonalData#ERASED}, as read models do once the subject is erased.
 */
final class DeliveryBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ADDRESS =
            List.of("fullName", "phone", "line1", "line2", "city", "region", "postalCode");

    private DeliveryBodies() {}

    /** {@code body} with its personal data erased; a body that is not such JSON comes back unchanged. */
    static String erase(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException notJson) {
            return body;
        }
        if (root == null || !(root.path("data") instanceof ObjectNode data)) {
            return body;
        }
        erase(data.path("customer"), List.of("email"));
        erase(data.path("shippingAddress"), ADDRESS);
        erase(data, List.of("reason"));
        erase(data.path("edit"), List.of("note"));
        data.path("return").path("lines").forEach(line -> erase(line, List.of("reason")));
        return root.toString();
    }

    private static void erase(JsonNode node, List<String> fields) {
        if (node instanceof ObjectNode object) {
            for (String field : fields) {
                if (object.path(field).isTextual()) {
                    object.put(field, PersonalData.ERASED);
                }
            }
        }
    }
}
