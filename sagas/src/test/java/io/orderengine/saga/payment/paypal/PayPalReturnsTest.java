package io.orderengine.saga.payment.paypal;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.saga.inbox.PaymentNotificationHandler;
import io.orderengine.saga.payment.PaymentGateways;
import io.orderengine.saga.payment.paypal.PayPalReturns.Outcome;
import io.orderengine.saga.payment.paypal.PayPalReturns.Recorded;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The order page's PayPal return, checked against a PayPal API on loopback (WireMock). */
class PayPalReturnsTest {

    private static final OrderId ORDER = new OrderId(PayPalJson.ORDER_ID);

    private final WireMockServer paypalApi = new WireMockServer(options().dynamicPort());
    private final List<Object> sent = new ArrayList<>();
    private PayPalReturns returns;

    @BeforeEach
    void setUp() {
        paypalApi.start();
        paypalApi.stubFor(post(urlEqualTo("/v1/oauth2/token")).willReturn(okJson(PayPalJson.token())));
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(RecordPaymentAuthorizationCommand.class.getName(), this::record);
        bus.subscribe(RecordPaymentFailureCommand.class.getName(), this::record);
        PaymentNotificationHandler notifications = new PaymentNotificationHandler(
                DefaultCommandGateway.builder().commandBus(bus).build(), null);
        returns = new PayPalReturns(
                new PaymentGateways(
                        List.of(PayPalPaymentGateway.create("client-id", "client-secret", paypalApi.baseUrl()))),
                notifications);
    }

    private Object record(CommandMessage<?> command) {
        sent.add(command.getPayload());
        return null;
    }

    @AfterEach
    void tearDown() {
        paypalApi.stop();
    }

    private void paypalSays(String status) {
        paypalApi.stubFor(get(urlEqualTo("/v2/checkout/orders/PP-ORDER-1"))
                .willReturn(okJson(PayPalJson.order("PP-ORDER-1", status, null))));
    }

    @Test
    void aReturnAfterApprovalRecordsTheAuthorizationSoTheSagaCaptures() {
        paypalSays("APPROVED");

        assertThat(returns.returned(ORDER, "PP-ORDER-1", Outcome.APPROVED)).isEqualTo(Recorded.AUTHORIZED);

        assertThat(sent).singleElement().isInstanceOfSatisfying(RecordPaymentAuthorizationCommand.class, command -> {
            assertThat(command.orderId()).isEqualTo(ORDER);
            assertThat(command.provider()).isEqualTo(PaymentMethod.PAYPAL);
            assertThat(command.paymentReference()).isEqualTo("PP-ORDER-1");
            assertThat(command.amount()).isEqualTo(Money.of(6750, "EUR"));
        });
    }

    @Test
    void aCancelWhilePayPalStillWaitsForTheBuyerFailsTheAttempt() {
        paypalSays("CREATED");

        assertThat(returns.returned(ORDER, "PP-ORDER-1", Outcome.CANCELLED)).isEqualTo(Recorded.CANCELLED);

        assertThat(sent)
                .containsExactly(
                        new RecordPaymentFailureCommand(ORDER, "cancelled at PayPal by the buyer", "PP-ORDER-1"));
    }

    @Test
    void aCancelUrlOpenedAfterTheBuyerApprovedDoesNotFailThePayment() {
        paypalSays("APPROVED");

        assertThat(returns.returned(ORDER, "PP-ORDER-1", Outcome.CANCELLED)).isEqualTo(Recorded.AUTHORIZED);

        assertThat(sent).singleElement().isInstanceOf(RecordPaymentAuthorizationCommand.class);
    }

    @Test
    void anApprovedUrlOpenedBeforeTheBuyerApprovedRecordsNothing() {
        paypalSays("CREATED");

        assertThat(returns.returned(ORDER, "PP-ORDER-1", Outcome.APPROVED)).isEqualTo(Recorded.NOTHING);

        assertThat(sent).isEmpty();
    }

    @Test
    void aPayPalOrderOfAnotherEngineOrderIsRefused() {
        paypalSays("CREATED");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> returns.returned(
                        new OrderId("00000000-0000-4000-8000-000000000000"), "PP-ORDER-1", Outcome.CANCELLED))
                .withMessageContaining("is not the payment of order");
        assertThat(sent).isEmpty();
    }
}
