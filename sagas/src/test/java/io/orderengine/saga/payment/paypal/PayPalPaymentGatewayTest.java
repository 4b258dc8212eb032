package io.orderengine.saga.payment.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import io.orderengine.saga.payment.AuthorizationRequest;
import io.orderengine.saga.payment.Capture;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.GatewayPaymentStatus;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.payment.PaymentGatewayException;
import io.orderengine.saga.payment.PaymentSession;
import io.orderengine.saga.payment.Refund;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PayPalPaymentGatewayTest {

    private static final OrderId ORDER = new OrderId(PayPalJson.ORDER_ID);
    private static final Money TOTAL = Money.of(6750, "EUR");

    private final WireMockServer paypalApi = new WireMockServer(options().dynamicPort());
    private PayPalPaymentGateway gateway;

    @BeforeEach
    void setUp() {
        paypalApi.start();
        paypalApi.stubFor(post(urlEqualTo("/v1/oauth2/token")).willReturn(okJson(PayPalJson.token())));
        gateway = PayPalPaymentGateway.create("client-id", "client-secret", paypalApi.baseUrl());
    }

    @AfterEach
    void tearDown() {
        paypalApi.stop();
    }

    @Test
    void authorizingCreatesAnAuthorizeIntentOrderForTheOrderAndOffersItsApproveLink() {
        paypalApi.stubFor(
                post(urlEqualTo("/v2/checkout/orders")).willReturn(okJson(PayPalJson.createdOrder("PP-ORDER-1"))));

        PaymentSession session = gateway.authorize(
                new AuthorizationRequest(ORDER, "ORD-20251122-000001", TOTAL, IdempotencyKeys.authorize(ORDER)));

        assertThat(session.paymentReference()).isEqualTo("PP-ORDER-1");
        assertThat(session.action().type()).isEqualTo("paypal");
        assertThat(session.action().url()).isEqualTo("https://www.paypal.com/checkoutnow?token=PP-ORDER-1");
        paypalApi.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders"))
                .withHeader("PayPal-Request-Id", equalTo(ORDER.value() + ":authorize"))
                .withHeader("Authorization", equalTo("Bearer A21AAtest"))
                .withRequestBody(matchingJsonPath("$.intent", equalTo("AUTHORIZE")))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].custom_id", equalTo(ORDER.value())))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.value", equalTo("67.50")))
                .withRequestBody(matchingJsonPath("$.purchase_units[0].amount.currency_code", equalTo("EUR"))));
    }

    @Test
    void theCreatedOrderSendsTheBuyerBackToTheOrderPageOnApprovalAndOnCancel() {
        paypalApi.stubFor(
                post(urlEqualTo("/v2/checkout/orders")).willReturn(okJson(PayPalJson.createdOrder("PP-ORDER-1"))));
        PayPalPaymentGateway withReturns = PayPalPaymentGateway.create(
                "client-id",
                "client-secret",
                paypalApi.baseUrl(),
                PayPalPaymentGateway.DEFAULT_TIMEOUT_MILLIS,
                new PayPalReturnUrls(() -> "https://shop.example"));

        withReturns.authorize(
                new AuthorizationRequest(ORDER, "ORD-20251122-000001", TOTAL, IdempotencyKeys.authorize(ORDER)));

        String page = "https://shop.example/order.html?id=" + ORDER.value();
        paypalApi.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders"))
                .withRequestBody(
                        matchingJsonPath("$.application_context.return_url", equalTo(page + "&paypal=approved")))
                .withRequestBody(
                        matchingJsonPath("$.application_context.cancel_url", equalTo(page + "&paypal=cancelled"))));
    }

    @Test
    void capturingAnApprovedOrderAuthorizesItThenCapturesTheAuthorizationWithTheStepsRequestIds() {
        paypalApi.stubFor(get(urlEqualTo("/v2/checkout/orders/PP-ORDER-1"))
                .willReturn(okJson(PayPalJson.order("PP-ORDER-1", "APPROVED", null))));
        paypalApi.stubFor(post(urlEqualTo("/v2/checkout/orders/PP-ORDER-1/authorize"))
                .willReturn(okJson(PayPalJson.order("PP-ORDER-1", "COMPLETED", PayPalJson.authorizations("CREATED")))));
        paypalApi.stubFor(post(urlEqualTo("/v2/payments/authorizations/AUTH-1/capture"))
                .willReturn(okJson(PayPalJson.capture("CAP-1", "COMPLETED"))));

        Capture capture = gateway.capture("PP-ORDER-1", TOTAL, IdempotencyKeys.capture(ORDER));

        assertThat(capture).isEqualTo(new Capture("CAP-1", TOTAL));
        paypalApi.verify(postRequestedFor(urlEqualTo("/v2/checkout/orders/PP-ORDER-1/authorize"))
                .withHeader("PayPal-Request-Id", equalTo(ORDER.value() + ":capture:authorize")));
        paypalApi.verify(postRequestedFor(urlEqualTo("/v2/payments/authorizations/AUTH-1/capture"))
                .withHeader("PayPal-Request-Id", equalTo(ORDER.value() + ":capture"))
                .withRequestBody(equalToJson(
                        "{\"final_capture\": true, \"amount\": {\"currency_code\": \"EUR\", \"value\": \"67.50\"}}",
                        true,
                        true)));
    }

    @Test
    void capturingAnOrderThatIsAlreadyCapturedReturnsThatCapture() {
        paypalApi.stubFor(get(urlEqualTo("/v2/checkout/orders/PP-ORDER-1"))
                .willReturn(okJson(PayPalJson.order("PP-ORDER-1", "COMPLETED", PayPalJson.captured()))));

        assertThat(gateway.capture("PP-ORDER-1", TOTAL, IdempotencyKeys.capture(ORDER)))
                .isEqualTo(new Capture("CAP-1", TOTAL));
        paypalApi.verify(0, postRequestedFor(urlEqualTo("/v2/payments/authorizations/AUTH-1/capture")));
    }

    @Test
    void aDeclinedInstrumentIsADecline() {
        paypalApi.stubFor(get(urlEqualTo("/v2/checkout/orders/PP-ORDER-1"))
                .willReturn(okJson(PayPalJson.order("PP-ORDER-1", "APPROVED", null))));
        paypalApi.stubFor(post(urlEqualTo("/v2/checkout/orders/PP-ORDER-1/authorize"))
                .willReturn(aResponse()
                        .withStatus(422)
                        .withHeader("Content-Type", "application/json")
                        .withBody(PayPalJson.error("UNPROCESSABLE_ENTITY", "INSTRUMENT_DECLINED"))));

        assertThatThrownBy(() -> gateway.capture("PP-ORDER-1", TOTAL, IdempotencyKeys.capture(ORDER)))
                .isInstanceOfSatisfying(
                        PaymentGatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(PaymentGatewayException.Kind.DECLINED));
    }

    @Test
    void aServerErrorIsTransient() {
        paypalApi.stubFor(get(urlEqualTo("/v2/checkout/orders/PP-ORDER-1"))
                .willReturn(aResponse()
                        .withStatus(503)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"name\": \"SERVICE_UNAVAILABLE\"}")));

        assertThatThrownBy(() -> gateway.retrieve("PP-ORDER-1"))
                .isInstanceOfSatisfying(
                        PaymentGatewayException.class,
                        e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void cancellingVoidsAnAuthorizationThatWasNotCaptured() {
        paypalApi.stubFor(get(urlEqualTo("/v2/checkout/orders/PP-ORDER-1"))
                .willReturn(okJson(PayPalJson.order("PP-ORDER-1", "COMPLETED", PayPalJson.authorizations("CREATED")))));
        paypalApi.stubFor(post(urlEqualTo("/v2/payments/authorizations/AUTH-1/void"))
                .willReturn(aResponse().withStatus(204)));

        gateway.cancel("PP-ORDER-1", IdempotencyKeys.cancel(ORDER));

        paypalApi.verify(postRequestedFor(urlEqualTo("/v2/payments/authorizations/AUTH-1/void"))
                .withHeader("PayPal-Request-Id", equalTo(ORDER.value() + ":cancel")));
    }

    @Test
    void refundingRefundsTheCaptureWithTheRefundsRequestId() {
        paypalApi.stubFor(get(urlEqualTo("/v2/checkout/orders/PP-ORDER-1"))
                .willReturn(okJson(PayPalJson.order("PP-ORDER-1", "COMPLETED", PayPalJson.captured()))));
        paypalApi.stubFor(post(urlEqualTo("/v2/payments/captures/CAP-1/refund"))
                .willReturn(okJson(PayPalJson.refund("REF-2", "5.00"))));

        Refund refund = gateway.refund("PP-ORDER-1", Money.of(500, "EUR"), IdempotencyKeys.refund(ORDER, "r-2"));

        assertThat(refund).isEqualTo(new Refund("REF-2", Money.of(500, "EUR"), "r-2"));
        paypalApi.verify(postRequestedFor(urlEqualTo("/v2/payments/captures/CAP-1/refund"))
                .withHeader("PayPal-Request-Id", equalTo(ORDER.value() + ":refund:r-2"))
                .withRequestBody(matchingJsonPath("$.amount.value", equalTo("5.00")))
                .withRequestBody(containing(ORDER.value() + ":refund:r-2")));
    }

    @Test
    void retrievingReadsTheOrderItsCaptureItsRefundsAndWhenTheAuthorizationExpires() {
        paypalApi.stubFor(get(urlEqualTo("/v2/checkout/orders/PP-ORDER-1"))
                .willReturn(okJson(PayPalJson.order("PP-ORDER-1", "COMPLETED", PayPalJson.captured()))));

        GatewayPayment payment = gateway.retrieve("PP-ORDER-1");

        assertThat(payment.status()).isEqualTo(GatewayPaymentStatus.CAPTURED);
        assertThat(payment.orderId()).isEqualTo(ORDER.value());
        assertThat(payment.amount()).isEqualTo(TOTAL);
        assertThat(payment.captureReference()).isEqualTo("CAP-1");
        assertThat(payment.captureBefore()).isEqualTo(Instant.parse("2025-12-21T10:00:00Z"));
        assertThat(payment.refunds()).containsExactly(new Refund("REF-1", Money.of(1250, "EUR"), "r-1"));
    }
}
