package io.orderengine.saga.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.infrastructure.privacy.PersonalJson;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.privacy.DataSubject;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.ledger.PaymentLedger;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the personal data of stored provider payloads encrypted like events (issue #22): the payer's e-mail, names,
 * phone numbers and addresses (every string under the members in {@link #PERSONAL}, but countries) are sealed with
 * the data key of the order's subject, found from the payload's order (Stripe's {@code metadata.order_id}, PayPal's
 * {@code custom_id} or {@code reference_id}, or a PayPal refund's capture in the ledger) and that order's placement.
 * Ids, amounts, types and metadata stay in clear, so a retry reads what it needs even after an erasure; the personal
 * strings then read as the erased placeholder. A payload whose order cannot be told (or whose subject is erased
 * already) keeps no personal strings at all.
 */
public final class EncryptedInboxPayloads implements InboxPayloadProtection {

    /** Members of Stripe and PayPal objects that hold a person's data (the whole member, nested values too). */
    static final Set<String> PERSONAL = Set.of(
            "email",
            "email_address",
            "receipt_email",
            "customer_email",
            "name",
            "given_name",
            "surname",
            "full_name",
            "customer_name",
            "phone",
            "phone_number",
            "national_number",
            "customer_phone",
            "address",
            "customer_address",
            "shipping",
            "shipping_details",
            "billing_details",
            "customer_details",
            "payer");

    /** The data subject of an order, from the order's placement; empty for an unknown order. */
    @FunctionalInterface
    public interface OrderSubjects {
        Optional<DataSubject> of(OrderId orderId);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PersonalJson json;
    private final OrderSubjects subjects;
    private final PaymentLedger ledger;

    public EncryptedInboxPayloads(PersonalJson json, OrderSubjects subjects, PaymentLedger ledger) {
        this.json = json;
        this.subjects = subjects;
        this.ledger = ledger;
    }

    @Override
    public String protect(String provider, String payload) {
        return json.seal(payload, PERSONAL, orderOf(provider, payload).flatMap(subjects::of));
    }

    @Override
    public String reveal(String provider, String stored) {
        return json.open(stored);
    }

    /** The order a payload is about, as the provider's webhook service finds it. */
    Optional<OrderId> orderOf(String provider, String payload) {
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
        if (event == null) {
            return Optional.empty();
        }
        String orderId = switch (provider) {
            case "stripe" ->
                text(event.path("data").path("object").path("metadata").path("order_id"));
            case "paypal" -> payPalOrder(event.path("resource"));
            default -> null;
        };
        try {
            return orderId == null ? Optional.empty() : Optional.of(new OrderId(orderId));
        } catch (IllegalArgumentException notAnOrderId) {
            return Optional.empty();
        }
    }

    private String payPalOrder(JsonNode resource) {
        String custom = text(resource.path("custom_id"));
        if (custom != null) {
            return custom;
        }
        JsonNode unit = resource.path("purchase_units").path(0);
        String unitOrder = text(unit.path("custom_id"));
        if (unitOrder == null) {
            unitOrder = text(unit.path("reference_id"));
        }
        if (unitOrder != null) {
            return unitOrder;
        }
        for (JsonNode link : resource.path("links")) {
            if ("up".equals(link.path("rel").asText())) {
                String href = link.path("href").asText();
                return ledger.capture(PaymentMethod.PAYPAL, href.substring(href.lastIndexOf('/') + 1))
                        .map(LedgerEntry::orderId)
                        .map(OrderId::value)
                        .orElse(null);
            }
        }
        return null;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
