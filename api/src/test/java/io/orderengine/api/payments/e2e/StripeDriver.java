package io.orderengine.api.payments.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.payments.e2e.PaymentsEngine.Placed;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.gateways.StripeEmulator;
import io.orderengine.testkit.gateways.StripeSignatures;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Stripe's side of a whole-engine test: the emulator, the webhook signing secret, and Stripe's webhook deliveries. */
final class StripeDriver {

    private final PaymentsEngine engine;
    private final StripeEmulator stripe;
    private final String webhookSecret;

    StripeDriver(PaymentsEngine engine, StripeEmulator stripe, String webhookSecret) {
        this.engine = engine;
        this.stripe = stripe;
        this.webhookSecret = webhookSecret;
    }

    static String newWebhookSecret() {
        return "whsec_e2e_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The engine properties that point Stripe at the emulator. */
    static void configure(Map<String, Object> properties, StripeEmulator stripe, String webhookSecret) {
        properties.put("engine.payments.stripe.secret-key", "sk_test_e2e");
        properties.put("engine.payments.stripe.webhook-secret", webhookSecret);
        properties.put("engine.payments.stripe.api-base", stripe.baseUrl());
    }

    /** The customer pays with Stripe.js and Stripe reports the authorization; the engine captures. Returns the intent. */
    String pay(Placed order) {
        String intent = authorize(order);
        engine.awaitStored(order.id(), "CONFIRMED", "PAID");
        return intent;
    }

    /** The customer pays with Stripe.js and Stripe reports the authorization; returns the intent without waiting further. */
    String authorize(Placed order) {
        String intent = engine.paymentReference(order.id());
        stripe.customerConfirms(intent);
        Reply reply = deliver(stripe.intentEvent(newEventId(), "payment_intent.amount_capturable_updated", intent));
        assertThat(reply.status()).as("authorization webhook %s", reply.body()).isEqualTo(200);
        return intent;
    }

    /** Delivers an event signed now with the engine's webhook secret. */
    Reply deliver(String event) {
        return engine.webhook(
                "stripe",
                event,
                Map.of("Stripe-Signature", StripeSignatures.header(event, webhookSecret, Instant.now())));
    }

    static String newEventId() {
        return "evt_e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }

    static String eventIdOf(String event) {
        int start = event.indexOf("\"id\":\"") + 6;
        return event.substring(start, event.indexOf('"', start));
    }
}
