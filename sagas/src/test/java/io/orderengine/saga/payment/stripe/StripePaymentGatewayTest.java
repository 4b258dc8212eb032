package io.orderengine.saga.payment.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.saga.payment.AuthorizationRequest;
import io.orderengine.saga.payment.Capture;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.GatewayPaymentStatus;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.payment.PaymentGatewayException;
import io.orderengine.saga.payment.PaymentSession;
import io.orderengine.saga.payment.Refund;
import io.orderengine.saga.payment.ResilientPaymentGateway;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StripePaymentGatewayTest {

    static final OrderId ORDER = new OrderId("5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c");
    static final Money TOTAL = Money.of(6750, "EUR");

    private final WireMockServer stripeApi = new WireMockServer(options().dynamicPort());
    private StripePaymentGateway gateway;

    @BeforeEach
    void setUp() {
        stripeApi.start();
        gateway = StripePaymentGateway.create("sk_test_123", stripeApi.baseUrl());
    }

    @AfterEach
    void tearDown() {
        stripeApi.stop();
    }

    @Test
    void authorizingCreatesAManualCapturePaymentIntentForTheOrderWithTheStepsIdempotencyKey() {
        stripeApi.stubFor(post(urlEqualTo("/v1/payment_intents"))
                .willReturn(okJson(StripeJson.paymentIntent("pi_1", "requires_payment_method", null))));

        PaymentSession session = gateway.authorize(
                new AuthorizationRequest(ORDER, "ORD-20251122-000001", TOTAL, IdempotencyKeys.authorize(ORDER)));

        assertThat(session.paymentReference()).isEqualTo("pi_1");
        assertThat(session.action().type()).isEqualTo("stripe");
        assertThat(session.action().clientSecret()).isNull();
        stripeApi.verify(postRequestedFor(urlEqualTo("/v1/payment_intents"))
                .withHeader("Idempotency-Key", equalTo(ORDER.value() + ":authorize"))
                .withHeader("Authorization", equalTo("Bearer sk_test_123"))
                .withRequestBody(containing("amount=6750"))
                .withRequestBody(containing("currency=eur"))
                .withRequestBody(containing("capture_method=manual"))
                .withRequestBody(containing("metadata[order_id]=" + ORDER.value())
                        .or(containing("metadata%5Border_id%5D=" + ORDER.value()))));
    }

    @Test
    void capturingTakesTheAmountWithTheCaptureKeyAndReturnsTheCharge() {
        stripeApi.stubFor(post(urlEqualTo("/v1/payment_intents/pi_1/capture"))
                .willReturn(okJson(StripeJson.paymentIntent("pi_1", "succeeded", "ch_1"))));

        Capture capture = gateway.capture("pi_1", TOTAL, IdempotencyKeys.capture(ORDER));

        assertThat(capture).isEqualTo(new Capture("ch_1", TOTAL));
        stripeApi.verify(postRequestedFor(urlEqualTo("/v1/payment_intents/pi_1/capture"))
                .withHeader("Idempotency-Key", equalTo(ORDER.value() + ":capture"))
                .withRequestBody(containing("amount_to_capture=6750")));
    }

    @Test
    void capturingAPaymentIntentThatIsAlreadyCapturedReturnsThatCapture() {
        stripeApi.stubFor(post(urlEqualTo("/v1/payment_intents/pi_1/capture"))
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(StripeJson.error(
                                "invalid_request_error",
                                "payment_intent_unexpected_state",
                                "This PaymentIntent could not be captured because it has a status of succeeded."))));
        stripeApi.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_1"))
                .willReturn(okJson(StripeJson.paymentIntent("pi_1", "succeeded", "ch_1"))));

        assertThat(gateway.capture("pi_1", TOTAL, IdempotencyKeys.capture(ORDER)))
                .isEqualTo(new Capture("ch_1", TOTAL));
    }

    @Test
    void aDeclinedCardIsADeclineNotAnOutage() {
        stripeApi.stubFor(post(urlEqualTo("/v1/payment_intents/pi_1/capture"))
                .willReturn(aResponse()
                        .withStatus(402)
                        .withHeader("Content-Type", "application/json")
                        .withBody(StripeJson.error("card_error", "card_declined", "Your card was declined."))));

        assertThatThrownBy(() -> gateway.capture("pi_1", TOTAL, IdempotencyKeys.capture(ORDER)))
                .isInstanceOfSatisfying(
                        PaymentGatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(PaymentGatewayException.Kind.DECLINED));
    }

    @Test
    void serverErrorsAreRetriedWithTheSameKeyAndReportedUnavailableWhenTheRetriesAreUsedUp() {
        stripeApi.stubFor(post(urlEqualTo("/v1/payment_intents/pi_1/capture"))
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody(StripeJson.error("api_error", null, "Something went wrong on Stripe's end."))));
        ResilientPaymentGateway resilient = new ResilientPaymentGateway(
                gateway,
                new ResilientPaymentGateway.Policy(3, Duration.ofMillis(10), 2.0, 50f, 10, Duration.ofSeconds(30)));

        assertThatThrownBy(() -> resilient.capture("pi_1", TOTAL, IdempotencyKeys.capture(ORDER)))
                .isInstanceOfSatisfying(
                        PaymentGatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(PaymentGatewayException.Kind.UNAVAILABLE));
        stripeApi.verify(
                3,
                postRequestedFor(urlEqualTo("/v1/payment_intents/pi_1/capture"))
                        .withHeader("Idempotency-Key", equalTo(ORDER.value() + ":capture")));
    }

    @Test
    void cancellingAbandonsThePaymentIntent() {
        stripeApi.stubFor(post(urlEqualTo("/v1/payment_intents/pi_1/cancel"))
                .willReturn(okJson(StripeJson.paymentIntent("pi_1", "canceled", null))));

        gateway.cancel("pi_1", IdempotencyKeys.cancel(ORDER));

        stripeApi.verify(postRequestedFor(urlEqualTo("/v1/payment_intents/pi_1/cancel"))
                .withHeader("Idempotency-Key", equalTo(ORDER.value() + ":cancel"))
                .withRequestBody(containing("cancellation_reason=abandoned")));
    }

    @Test
    void refundingSendsTheAmountAndRemembersWhichEngineRefundItWas() {
        stripeApi.stubFor(post(urlEqualTo("/v1/refunds"))
                .willReturn(okJson(StripeJson.refund("re_1", 1250, ORDER.value() + ":refund:r-1"))));

        Refund refund = gateway.refund("pi_1", Money.of(1250, "EUR"), IdempotencyKeys.refund(ORDER, "r-1"));

        assertThat(refund).isEqualTo(new Refund("re_1", Money.of(1250, "EUR"), "r-1"));
        stripeApi.verify(postRequestedFor(urlEqualTo("/v1/refunds"))
                .withHeader("Idempotency-Key", equalTo(ORDER.value() + ":refund:r-1"))
                .withRequestBody(containing("payment_intent=pi_1"))
                .withRequestBody(containing("amount=1250")));
    }

    @Test
    void retrievingReadsTheCardTheAuthorizationExpiryTheClientSecretAndTheRefunds() {
        stripeApi.stubFor(get(urlPathEqualTo("/v1/payment_intents/pi_1"))
                .willReturn(okJson(StripeJson.paymentIntent("pi_1", "succeeded", "ch_1"))));
        stripeApi.stubFor(get(urlPathEqualTo("/v1/refunds"))
                .willReturn(okJson(StripeJson.refundList(StripeJson.refund("re_1", 1250, null)))));

        GatewayPayment payment = gateway.retrieve("pi_1");

        assertThat(payment.status()).isEqualTo(GatewayPaymentStatus.CAPTURED);
        assertThat(payment.orderId()).isEqualTo(ORDER.value());
        assertThat(payment.captureReference()).isEqualTo("ch_1");
        assertThat(payment.cardBrand()).isEqualTo("visa");
        assertThat(payment.cardLast4()).isEqualTo("4242");
        assertThat(payment.captureBefore()).isEqualTo(Instant.ofEpochSecond(StripeJson.CAPTURE_BEFORE));
        assertThat(payment.clientSecret()).isEqualTo("pi_1_secret_abc");
        assertThat(payment.refunds()).containsExactly(new Refund("re_1", Money.of(1250, "EUR"), null));
        stripeApi.verify(getRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_1"))
                .withQueryParam("expand[0]", equalTo("latest_charge")));
        stripeApi.verify(
                getRequestedFor(urlPathEqualTo("/v1/refunds")).withQueryParam("payment_intent", equalTo("pi_1")));
    }
}
