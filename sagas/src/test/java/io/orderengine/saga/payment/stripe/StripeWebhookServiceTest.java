package io.orderengine.saga.payment.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.orderengine.saga.payment.stripe.StripePaymentGatewayTest.ORDER;
import static io.orderengine.saga.payment.stripe.StripePaymentGatewayTest.TOTAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.stripe.Stripe;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.saga.inbox.InvalidWebhookSignatureException;
import io.orderengine.saga.inbox.PaymentNotificationHandler;
import io.orderengine.saga.inbox.WebhookInbox;
import io.orderengine.saga.inbox.WebhookProcessingException;
import io.orderengine.saga.inbox.WebhookResult;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.support.RecordingCommands;
import io.orderengine.testkit.InMemoryMongo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripeWebhookServiceTest {

    private static final String SECRET = "whsec_test_secret";

    private final WireMockServer stripeApi = new WireMockServer(options().dynamicPort());
    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final RecordingCommands commands = new RecordingCommands();
    private final PaymentLedger ledger = new PaymentLedger(mongo.database(), Clock.systemUTC());
    private final WebhookInbox inbox = new WebhookInbox(mongo.database(), Clock.systemUTC());
    private StripeWebhookService webhooks;

    @BeforeEach
    void setUp() {
        stripeApi.start();
        webhooks = new StripeWebhookService(
                SECRET,
                StripePaymentGateway.create("sk_test_123", stripeApi.baseUrl()),
                inbox,
                new PaymentNotificationHandler(commands.gateway(), ledger),
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        stripeApi.stop();
        mongo.close();
    }

    @Test
    void aBodyWhoseSignatureDoesNotVerifyIsRefusedAndNothingIsRecorded() {
        String body = event("evt_1", "payment_intent.succeeded", paymentIntentObject("succeeded"));

        assertThatThrownBy(() -> webhooks.handle(body, sign(body.replace("evt_1", "evt_2"))))
                .isInstanceOf(InvalidWebhookSignatureException.class);
        assertThatThrownBy(() -> webhooks.handle(body, null)).isInstanceOf(InvalidWebhookSignatureException.class);
        assertThat(inbox.entry("stripe", "evt_1")).isEmpty();
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void anUnknownEventTypeIsAcknowledgedAndIgnored() {
        String body = event("evt_1", "customer.created", "{\"id\": \"cus_1\", \"object\": \"customer\"}");

        assertThat(webhooks.handle(body, sign(body))).isEqualTo(WebhookResult.IGNORED);
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void anAuthorizationIsRecordedWithTheCardBrandAndLastFourReadFromStripe() {
        stubPaymentIntent("requires_capture", "ch_1");
        String body =
                event("evt_1", "payment_intent.amount_capturable_updated", paymentIntentObject("requires_capture"));

        assertThat(webhooks.handle(body, sign(body))).isEqualTo(WebhookResult.PROCESSED);

        assertThat(commands.sent())
                .containsExactly(new RecordPaymentAuthorizationCommand(
                        ORDER, PaymentMethod.STRIPE, "pi_1", TOTAL, "visa", "4242"));
    }

    @Test
    void succeededBeforeAmountCapturableUpdatedLeavesOneCaptureAndAConfirmedOrder() {
        stubPaymentIntent("succeeded", "ch_1");
        String succeeded = event("evt_2", "payment_intent.succeeded", paymentIntentObject("succeeded"));
        String capturable =
                event("evt_1", "payment_intent.amount_capturable_updated", paymentIntentObject("requires_capture"));

        webhooks.handle(succeeded, sign(succeeded));
        webhooks.handle(capturable, sign(capturable));
        assertThat(webhooks.handle(succeeded, sign(succeeded))).isEqualTo(WebhookResult.ALREADY_PROCESSED);

        assertThat(ledger.entriesOf(ORDER)).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(LedgerEntry.Type.CAPTURE);
            assertThat(entry.reference()).isEqualTo("ch_1");
        });
        assertThat(commands.sent()).contains(new ConfirmOrderCommand(ORDER, PaymentMethod.STRIPE, "ch_1", TOTAL));
        assertThat(commands.sent())
                .filteredOn(ConfirmOrderCommand.class::isInstance)
                .hasSize(1);
        assertThat(commands.sent())
                .filteredOn(RecordPaymentAuthorizationCommand.class::isInstance)
                .hasSize(2)
                .allSatisfy(c -> assertThat(((RecordPaymentAuthorizationCommand) c).cardLast4())
                        .isEqualTo("4242"));
    }

    @Test
    void chargeRefundedTwiceLeavesOneLedgerEntryPerRefund() {
        stubPaymentIntent("succeeded", "ch_1");
        stripeApi.stubFor(get(urlPathEqualTo("/v1/refunds"))
                .willReturn(okJson(StripeJson.refundList(
                        StripeJson.refund("re_1", 1250, ORDER.value() + ":refund:r-1"),
                        StripeJson.refund("re_2", 500, null)))));
        String first = event("evt_3", "charge.refunded", chargeObject());
        String second = event("evt_4", "charge.refunded", chargeObject());

        webhooks.handle(first, sign(first));
        webhooks.handle(second, sign(second));

        assertThat(ledger.entriesOf(ORDER)).extracting(LedgerEntry::reference).containsExactly("re_1", "re_2");
        assertThat(commands.sent())
                .contains(
                        new RecordRefundCommand(ORDER, "r-1", "re_1", Money.of(1250, "EUR")),
                        new RecordRefundCommand(ORDER, "re_2", "re_2", Money.of(500, "EUR")));
    }

    @Test
    void aFailedPaymentIsRecordedWithStripesReason() {
        String object = paymentIntentObject("requires_payment_method")
                .replace(
                        "\"last_payment_error\": null",
                        "\"last_payment_error\": {\"message\": \"Your card was declined.\"}");
        String body = event("evt_5", "payment_intent.payment_failed", object);

        webhooks.handle(body, sign(body));

        assertThat(commands.sent())
                .containsExactly(new RecordPaymentFailureCommand(
                        ORDER, "payment failed at stripe: Your card was declined.", "pi_1"));
    }

    @Test
    void aDisputeFlagsTheOrderForAttention() {
        stubPaymentIntent("succeeded", "ch_1");
        String body = event(
                "evt_6",
                "charge.dispute.created",
                "{\"id\": \"dp_1\", \"object\": \"dispute\", \"charge\": \"ch_1\", \"payment_intent\": \"pi_1\", \"reason\": \"fraudulent\", \"amount\": 6750, \"currency\": \"eur\"}");

        webhooks.handle(body, sign(body));

        assertThat(commands.sent()).singleElement().isInstanceOf(FlagOrderForAttentionCommand.class);
    }

    @Test
    void anEventOfAnotherApiVersionThanTheSdksIsProcessedFromItsRawJson() {
        String object = paymentIntentObject("canceled")
                .replace("\"cancellation_reason\": null", "\"cancellation_reason\": \"abandoned\"");
        String body = event("evt_7", "payment_intent.canceled", object).replace(Stripe.API_VERSION, "2020-08-27");

        assertThat(webhooks.handle(body, sign(body))).isEqualTo(WebhookResult.PROCESSED);

        assertThat(commands.sent())
                .containsExactly(
                        new RecordPaymentFailureCommand(ORDER, "payment cancelled at stripe: abandoned", "pi_1"));
    }

    @Test
    void anEventThatCouldNotBeProcessedIsReportedAndProcessedWhenStripeSendsItAgain() {
        stubPaymentIntent("requires_capture", null);
        String body =
                event("evt_8", "payment_intent.amount_capturable_updated", paymentIntentObject("requires_capture"));
        commands.failWith(new IllegalStateException("order store unavailable"));

        assertThatThrownBy(() -> webhooks.handle(body, sign(body))).isInstanceOf(WebhookProcessingException.class);
        commands.succeed();

        assertThat(webhooks.handle(body, sign(body))).isEqualTo(WebhookResult.PROCESSED);
        assertThat(inbox.entry("stripe", "evt_8")).hasValueSatisfying(entry -> {
            assertThat(entry.status()).isEqualTo("PROCESSED");
            assertThat(entry.attempts()).isEqualTo(2);
        });
    }

    private void stubPaymentIntent(String status, String chargeId) {
        stripeApi.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_1"))
                .willReturn(okJson(StripeJson.paymentIntent("pi_1", status, chargeId))));
        stripeApi.stubFor(
                get(urlPathEqualTo("/v1/refunds")).atPriority(10).willReturn(okJson(StripeJson.refundList())));
    }

    private static String paymentIntentObject(String status) {
        return """
                {"id": "pi_1", "object": "payment_intent", "amount": 6750, "currency": "eur", "status": "%s",
                 "capture_method": "manual", "latest_charge": %s, "last_payment_error": null, "cancellation_reason": null,
                 "metadata": {"order_id": "%s"}}""".formatted(status, "succeeded".equals(status) ? "\"ch_1\"" : "null", ORDER.value());
    }

    private static String chargeObject() {
        return """
                {"id": "ch_1", "object": "charge", "amount": 6750, "amount_refunded": 1750, "currency": "eur",
                 "payment_intent": "pi_1", "refunded": false, "metadata": {}}""";
    }

    private static String event(String id, String type, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "%s", "created": 1763805600, "livemode": false,
                 "pending_webhooks": 1, "request": {"id": null, "idempotency_key": null}, "type": "%s",
                 "data": {"object": %s}}""".formatted(id, Stripe.API_VERSION, type, object);
    }

    /** A {@code Stripe-Signature} header as Stripe computes it: HMAC-SHA256 of "timestamp.body" with the endpoint secret. */
    private static String sign(String body) {
        long timestamp = System.currentTimeMillis() / 1000;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(signature);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
