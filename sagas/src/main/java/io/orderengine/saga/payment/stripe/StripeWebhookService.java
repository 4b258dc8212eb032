package io.orderengine.saga.payment.stripe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.inbox.InvalidWebhookSignatureException;
import io.orderengine.saga.inbox.PaymentNotification;
import io.orderengine.saga.inbox.PaymentNotificationHandler;
import io.orderengine.saga.inbox.WebhookInbox;
import io.orderengine.saga.inbox.WebhookProcessingException;
import io.orderengine.saga.inbox.WebhookResult;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.PaymentGateway;
import java.time.Clock;
import java.util.Set;

/**
 * Handles {@code POST /api/v1/webhooks/stripe}. The signature ({@code Stripe-Signature} header) is verified on the
 * raw body with {@link Webhook#constructEvent}, tolerance 5 minutes. The event's object is read from its raw JSON,
 * so an event of another {@code api_version} than the SDK's (for which the SDK gives no typed object) works too;
 * what the engine records is re-read from Stripe (card brand, last 4, captures, refunds).
 *
 * <p>Handled: {@code payment_intent.amount_capturable_updated} (authorized), {@code payment_intent.succeeded}
 * (captured), {@code payment_intent.payment_failed} and {@code payment_intent.canceled} (failed),
 * {@code charge.refunded} (refunds), {@code charge.dispute.created} (order to ATTENTION). Other types are
 * acknowledged and ignored. Each event id is processed once through the {@link WebhookInbox}.
 */
public final class StripeWebhookService {

    static final String INBOX_PROVIDER = "stripe";
    private static final long TOLERANCE_SECONDS = 300;
    private static final Set<String> HANDLED = Set.of(
            "payment_intent.amount_capturable_updated",
            "payment_intent.succeeded",
            "payment_intent.payment_failed",
            "payment_intent.canceled",
            "charge.refunded",
            "charge.dispute.created");

    private final String webhookSecret;
    private final PaymentGateway stripe;
    private final WebhookInbox inbox;
    private final PaymentNotificationHandler notifications;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public StripeWebhookService(
            String webhookSecret,
            PaymentGateway stripe,
            WebhookInbox inbox,
            PaymentNotificationHandler notifications,
            Clock clock) {
        this.webhookSecret = webhookSecret;
        this.stripe = stripe;
        this.inbox = inbox;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Verifies and processes one delivery. Throws {@link InvalidWebhookSignatureException} (answer 400) when the
     * signature or body is not Stripe's, {@link WebhookProcessingException} (answer 5xx, Stripe retries) when it
     * could not be processed.
     */
    public WebhookResult handle(String rawBody, String signatureHeader) {
        Event event = verified(rawBody, signatureHeader);
        if (!HANDLED.contains(event.getType())) {
            return WebhookResult.IGNORED;
        }
        JsonNode object = dataObject(event);
        WebhookInbox.Outcome outcome = inbox.process(
                INBOX_PROVIDER,
                event.getId(),
                event.getType(),
                rawBody,
                () -> notifications.apply(notificationFor(event.getType(), object)));
        return outcome == WebhookInbox.Outcome.PROCESSED ? WebhookResult.PROCESSED : WebhookResult.ALREADY_PROCESSED;
    }

    /**
     * Runs a stored event's work again (the inbox's retries): the payload was verified when it was received, so it is
     * read as it is; the payment is fetched from Stripe again, as on delivery.
     */
    public void replay(String eventType, String payload) {
        JsonNode object;
        try {
            object = json.readTree(payload).path("data").path("object");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored Stripe event is not JSON: " + e.getOriginalMessage(), e);
        }
        notifications.apply(notificationFor(eventType, object));
    }

    private Event verified(String rawBody, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new InvalidWebhookSignatureException("missing Stripe-Signature header", null);
        }
        try {
            return Webhook.constructEvent(rawBody, signatureHeader, webhookSecret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            throw new InvalidWebhookSignatureException("Stripe signature does not verify: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new InvalidWebhookSignatureException("not a Stripe event: " + e.getMessage(), e);
        }
    }

    private JsonNode dataObject(Event event) {
        try {
            return json.readTree(event.getDataObjectDeserializer().getRawJson());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new InvalidWebhookSignatureException("Stripe event " + event.getId() + " has no readable object", e);
        }
    }

    private PaymentNotification notificationFor(String type, JsonNode object) {
        return switch (type) {
            case "payment_intent.amount_capturable_updated" -> {
                GatewayPayment payment = stripe.retrieve(object.path("id").asText());
                yield PaymentNotification.authorized(
                        PaymentMethod.STRIPE,
                        orderOf(payment),
                        payment.paymentReference(),
                        payment.amount(),
                        payment.cardBrand(),
                        payment.cardLast4());
            }
            case "payment_intent.succeeded" -> {
                GatewayPayment payment = stripe.retrieve(object.path("id").asText());
                yield PaymentNotification.captured(
                        PaymentMethod.STRIPE,
                        orderOf(payment),
                        payment.paymentReference(),
                        payment.captured(),
                        payment.cardBrand(),
                        payment.cardLast4(),
                        payment.captureReference());
            }
            case "payment_intent.payment_failed" ->
                PaymentNotification.failed(
                        PaymentMethod.STRIPE,
                        orderOf(object),
                        object.path("id").asText(),
                        "payment failed at stripe: "
                                + object.path("last_payment_error")
                                        .path("message")
                                        .asText("unknown reason"));
            case "payment_intent.canceled" ->
                PaymentNotification.failed(
                        PaymentMethod.STRIPE,
                        orderOf(object),
                        object.path("id").asText(),
                        "payment cancelled at stripe: "
                                + object.path("cancellation_reason").asText("no reason given"));
            case "charge.refunded" -> {
                GatewayPayment payment =
                        stripe.retrieve(object.path("payment_intent").asText());
                yield PaymentNotification.refunded(
                        PaymentMethod.STRIPE, orderOf(payment), payment.paymentReference(), payment.refunds());
            }
            case "charge.dispute.created" -> {
                GatewayPayment payment =
                        stripe.retrieve(object.path("payment_intent").asText());
                yield PaymentNotification.disputed(
                        PaymentMethod.STRIPE,
                        orderOf(payment),
                        payment.paymentReference(),
                        object.path("reason").asText(null));
            }
            default -> throw new IllegalArgumentException("unhandled Stripe event type " + type);
        };
    }

    private static OrderId orderOf(GatewayPayment payment) {
        if (payment.orderId() == null) {
            throw new IllegalStateException(
                    "payment intent " + payment.paymentReference() + " has no order_id metadata");
        }
        return new OrderId(payment.orderId());
    }

    private static OrderId orderOf(JsonNode paymentIntent) {
        String orderId = paymentIntent
                .path("metadata")
                .path(StripePaymentGateway.ORDER_ID)
                .asText(null);
        if (orderId == null) {
            throw new IllegalStateException(
                    "payment intent " + paymentIntent.path("id").asText() + " has no order_id metadata");
        }
        return new OrderId(orderId);
    }
}
