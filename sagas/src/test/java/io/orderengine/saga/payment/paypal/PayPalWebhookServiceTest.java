package io.orderengine.saga.payment.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.ConfirmOrderCommand;
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
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PayPalWebhookServiceTest {

    private static final OrderId ORDER = new OrderId(PayPalJson.ORDER_ID);
    private static final Money TOTAL = Money.of(6750, "EUR");
    private static final String VERIFY = "/v1/notifications/verify-webhook-signature";
    private static final Map<String, String> HEADERS = Map.of(
            "paypal-auth-algo", "SHA256withRSA",
            "paypal-cert-url", "https://api.paypal.com/v1/notifications/certs/CERT-360caa42",
            "paypal-transmission-id", "69cd13f0-d67a-11e5-baa3-778b53f4ae55",
            "paypal-transmission-sig",
                    "lmI95Jx3Y9nhR5SJWlHVIWpg4AgFk7n9bCHSRxbrd8A9zrhdu2rMyFrmz+Zjh3s3boXB07VXCXUZy/UFzUlnGJn0wDugt7FlSvdKeIJenLRemUxYCPVoEZzg9VFNqOa48gMkvF+XTpxBeUx/kWy6B5cp7GkT2+pOowfRK7OaynuxUoKW3JcMWw272VKjLTtTAShncla7tGF+55rxyt2KNZIIqxNMJ48RDZheGU5w1npu9dZHnPgTXB9iomeVRoD8O/jhRpnKsGrDschyNdkeh81BJJMH4Ctc6lnCCquoP/GzCzz33MMsNdid7vL/NIWaCsekQpW26FpWPi/tfj8nLA==",
            "paypal-transmission-time", "2025-11-22T10:00:00Z");

    private final WireMockServer paypalApi = new WireMockServer(options().dynamicPort());
    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final RecordingCommands commands = new RecordingCommands();
    private final PaymentLedger ledger = new PaymentLedger(mongo.database(), Clock.systemUTC());
    private final WebhookInbox inbox = new WebhookInbox(mongo.database(), Clock.systemUTC());
    private PayPalWebhookService webhooks;

    @BeforeEach
    void setUp() {
        paypalApi.start();
        paypalApi.stubFor(post(urlEqualTo("/v1/oauth2/token")).willReturn(okJson(PayPalJson.token())));
        paypalApi.stubFor(post(urlEqualTo(VERIFY)).willReturn(okJson("{\"verification_status\": \"SUCCESS\"}")));
        webhooks = PayPalWebhookService.create(
                "client-id",
                "client-secret",
                paypalApi.baseUrl(),
                "WH-ID-1",
                ledger,
                inbox,
                new PaymentNotificationHandler(commands.gateway(), ledger));
    }

    @AfterEach
    void tearDown() {
        paypalApi.stop();
        mongo.close();
    }

    @Test
    void paypalIsAskedToVerifyTheTransmissionWithTheRawEventAndTheWebhookId() {
        String body = event("WH-1", "CHECKOUT.ORDER.APPROVED", PayPalJson.order("PP-ORDER-1", "APPROVED", null));

        assertThat(webhooks.handle(body, HEADERS)).isEqualTo(WebhookResult.PROCESSED);

        paypalApi.verify(postRequestedFor(urlEqualTo(VERIFY))
                .withHeader("Authorization", equalTo("Bearer A21AAtest"))
                .withRequestBody(matchingJsonPath("$.webhook_id", equalTo("WH-ID-1")))
                .withRequestBody(matchingJsonPath("$.transmission_id", equalTo("69cd13f0-d67a-11e5-baa3-778b53f4ae55")))
                .withRequestBody(matchingJsonPath("$.auth_algo", equalTo("SHA256withRSA")))
                .withRequestBody(containing("\"webhook_event\":" + body)));
        assertThat(commands.sent())
                .containsExactly(new RecordPaymentAuthorizationCommand(
                        ORDER, PaymentMethod.PAYPAL, "PP-ORDER-1", TOTAL, "paypal", null));
    }

    @Test
    void aTransmissionPayPalDoesNotVerifyIsRefused() {
        paypalApi.stubFor(post(urlEqualTo(VERIFY)).willReturn(okJson("{\"verification_status\": \"FAILURE\"}")));
        String body = event("WH-1", "CHECKOUT.ORDER.APPROVED", PayPalJson.order("PP-ORDER-1", "APPROVED", null));

        assertThatThrownBy(() -> webhooks.handle(body, HEADERS)).isInstanceOf(InvalidWebhookSignatureException.class);
        assertThatThrownBy(() -> webhooks.handle(body, Map.of())).isInstanceOf(InvalidWebhookSignatureException.class);
        assertThat(commands.sent()).isEmpty();
        assertThat(inbox.entry("paypal", "WH-1")).isEmpty();
    }

    @Test
    void whenPayPalCannotVerifyRightNowTheDeliveryFailsSoPayPalSendsItAgain() {
        paypalApi.stubFor(post(urlEqualTo(VERIFY)).willReturn(aResponse().withStatus(503)));
        String body = event("WH-1", "CHECKOUT.ORDER.APPROVED", PayPalJson.order("PP-ORDER-1", "APPROVED", null));

        assertThatThrownBy(() -> webhooks.handle(body, HEADERS)).isInstanceOf(WebhookProcessingException.class);
    }

    @Test
    void anUnknownEventTypeIsAcknowledgedAndIgnored() {
        String body = event("WH-2", "CUSTOMER.DISPUTE.UPDATED", "{\"dispute_id\": \"PP-D-1\"}");

        assertThat(webhooks.handle(body, HEADERS)).isEqualTo(WebhookResult.IGNORED);
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void aCompletedCaptureDeliveredTwiceIsOneLedgerEntryAndConfirmsTheOrder() {
        String body = event("WH-3", "PAYMENT.CAPTURE.COMPLETED", captureResource("CAP-1", "COMPLETED"));

        webhooks.handle(body, HEADERS);
        assertThat(webhooks.handle(body, HEADERS)).isEqualTo(WebhookResult.ALREADY_PROCESSED);
        webhooks.handle(body.replace("WH-3", "WH-3b"), HEADERS);

        assertThat(ledger.entriesOf(ORDER)).singleElement().satisfies(entry -> {
            assertThat(entry.reference()).isEqualTo("CAP-1");
            assertThat(entry.paymentReference()).isEqualTo("PP-ORDER-1");
        });
        assertThat(commands.sent()).contains(new ConfirmOrderCommand(ORDER, PaymentMethod.PAYPAL, "CAP-1", TOTAL));
    }

    @Test
    void aDeniedCaptureIsAPaymentFailure() {
        webhooks.handle(event("WH-4", "PAYMENT.CAPTURE.DENIED", captureResource("CAP-1", "DECLINED")), HEADERS);

        assertThat(commands.sent())
                .containsExactly(new RecordPaymentFailureCommand(ORDER, "capture denied at paypal", "PP-ORDER-1"));
    }

    @Test
    void aRefundReportedTwiceIsOneLedgerEntryFoundThroughItsCapture() {
        ledger.recordCapture(PaymentMethod.PAYPAL, "CAP-1", ORDER, "PP-ORDER-1", TOTAL);
        String refund = PayPalJson.refund("REF-9", "12.50")
                .replace("\"status\"", "\"invoice_id\": \"" + ORDER.value() + ":refund:r-9\", \"status\"");

        webhooks.handle(event("WH-5", "PAYMENT.CAPTURE.REFUNDED", refund), HEADERS);
        webhooks.handle(event("WH-6", "PAYMENT.CAPTURE.REFUNDED", refund), HEADERS);

        assertThat(ledger.entriesOf(ORDER))
                .filteredOn(e -> e.type() == LedgerEntry.Type.REFUND)
                .singleElement()
                .satisfies(entry -> assertThat(entry.reference()).isEqualTo("REF-9"));
        assertThat(commands.sent()).contains(new RecordRefundCommand(ORDER, "r-9", "REF-9", Money.of(1250, "EUR")));
    }

    private static String captureResource(String id, String status) {
        return PayPalJson.capture(id, status)
                .replace(
                        "\"final_capture\"",
                        "\"supplementary_data\": {\"related_ids\": {\"order_id\": \"PP-ORDER-1\", \"authorization_id\": \"AUTH-1\"}}, \"final_capture\"");
    }

    private static String event(String id, String type, String resource) {
        return """
                {"id": "%s", "event_version": "1.0", "create_time": "2025-11-22T10:00:00.000Z", "resource_type": "checkout-order",
                 "resource_version": "2.0", "event_type": "%s", "summary": "event", "resource": %s,
                 "links": [{"href": "https://api.paypal.com/v1/notifications/webhooks-events/%s", "rel": "self", "method": "GET"}]}""".formatted(id, type, resource.strip(), id);
    }
}
