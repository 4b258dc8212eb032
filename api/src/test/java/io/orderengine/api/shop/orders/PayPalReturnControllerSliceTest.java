package io.orderengine.api.shop.orders;

import static io.orderengine.api.web.SliceTestSupport.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isA;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderengine.api.shop.orders.live.OrderAccess;
import io.orderengine.api.web.SliceTestSupport.WithEngineWebLayer;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.query.FindGuestOrderQuery;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.messages.query.VerifyGuestTokenQuery;
import io.orderengine.outbound.mail.GuestLinks;
import io.orderengine.query.order.OrderView;
import io.orderengine.saga.payment.PaymentGatewayException;
import io.orderengine.saga.payment.paypal.PayPalReturns;
import io.orderengine.saga.payment.paypal.PayPalReturns.Outcome;
import io.orderengine.saga.payment.paypal.PayPalReturns.Recorded;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /api/v1/orders/{id}/paypal-returns}, what the order page sends when PayPal brings the buyer back
 * ({@code order.html?id=…&paypal=approved|cancelled&token=<PayPal order id>}): only for whoever may read the order, only
 * for the order's current PayPal payment, and what PayPal says is recorded.
 */
@WebMvcTest(PayPalReturnController.class)
@WithEngineWebLayer
@Import(OrderAccess.class)
class PayPalReturnControllerSliceTest {

    private static final String ID = "3f2b1c9e-1d2a-4b6c-9e8f-0a1b2c3d4e5f";
    private static final OrderId ORDER = new OrderId(ID);
    private static final String PAYPAL_ORDER = "5O190127TN364715T";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    QueryGateway queries;

    @MockitoBean
    GuestLinks guestLinks;

    @MockitoBean
    PayPalReturns returns;

    private void alicesOrder(OrderStatus status, String method, String reference) {
        OrderView.Payment payment = new OrderView.Payment(
                method,
                null,
                null,
                3540,
                0,
                0,
                0,
                reference,
                null,
                null,
                new OrderView.Action(method, "https://www.paypal.com/checkoutnow?token=" + reference),
                1);
        OrderView order = new OrderView(
                ID,
                "ORD-20261122-000007",
                status,
                PaymentStatus.PENDING,
                method,
                new OrderView.Customer("alice", "alice@example.com", false),
                List.of(),
                new OrderView.Totals(2500, 0, 500, 540, 3540, "EUR", 1800),
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                List.of(),
                List.of(),
                payment,
                Instant.now(),
                Instant.now());
        when(queries.query(isA(FindOrderQuery.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(order));
        when(queries.query(isA(VerifyGuestTokenQuery.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(false));
        when(queries.query(isA(FindGuestOrderQuery.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(null));
    }

    private ResultActions back(String outcome, String paypalOrderId, String caller) throws Exception {
        var request = post("/api/v1/orders/" + ID + "/paypal-returns")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"paypalOrderId\":\"" + paypalOrderId + "\",\"outcome\":\"" + outcome + "\"}");
        return mvc.perform(caller == null ? request : request.with(as(caller, "CUSTOMER")));
    }

    @Test
    void aCancelledReturnFailsTheAttemptSoThePageOffersTryAgain() throws Exception {
        alicesOrder(OrderStatus.AWAITING_PAYMENT, "paypal", PAYPAL_ORDER);
        when(returns.returned(ORDER, PAYPAL_ORDER, Outcome.CANCELLED)).thenReturn(Recorded.CANCELLED);

        back("cancelled", PAYPAL_ORDER, "alice")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderId").value(ID))
                .andExpect(jsonPath("$.recorded").value("cancelled"));
    }

    @Test
    void anApprovedReturnRecordsTheAuthorizationForTheSagaToCapture() throws Exception {
        alicesOrder(OrderStatus.AWAITING_PAYMENT, "paypal", PAYPAL_ORDER);
        when(returns.returned(ORDER, PAYPAL_ORDER, Outcome.APPROVED)).thenReturn(Recorded.AUTHORIZED);

        back("approved", PAYPAL_ORDER, "alice")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recorded").value("authorized"));
    }

    @Test
    void someoneWhoMayNotReadTheOrderGets404AndNothingIsAsked() throws Exception {
        alicesOrder(OrderStatus.AWAITING_PAYMENT, "paypal", PAYPAL_ORDER);

        back("cancelled", PAYPAL_ORDER, "mallory").andExpect(status().isNotFound());
        back("cancelled", PAYPAL_ORDER, null).andExpect(status().isNotFound());

        verify(returns, never()).returned(any(), any(), any());
    }

    @Test
    void anotherPayPalOrderThanTheCurrentPaymentIs409() throws Exception {
        alicesOrder(OrderStatus.AWAITING_PAYMENT, "paypal", PAYPAL_ORDER);

        back("cancelled", "8AB12345CD678901E", "alice")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:paypal-order-mismatch"));
        verify(returns, never()).returned(any(), any(), any());
    }

    @Test
    void anOrderNoLongerWaitingForPaymentIsLeftAlone() throws Exception {
        alicesOrder(OrderStatus.CONFIRMED, "paypal", PAYPAL_ORDER);

        back("cancelled", PAYPAL_ORDER, "alice")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recorded").value("nothing"));
        verify(returns, never()).returned(any(), any(), any());
    }

    @Test
    void malformedReturnsAre400AndPayPalDownIs503NeverA500() throws Exception {
        alicesOrder(OrderStatus.AWAITING_PAYMENT, "paypal", PAYPAL_ORDER);

        back("maybe", PAYPAL_ORDER, "alice").andExpect(status().isBadRequest());
        back("cancelled", "<script>", "alice").andExpect(status().isBadRequest());
        when(returns.returned(eq(ORDER), eq(PAYPAL_ORDER), any()))
                .thenThrow(PaymentGatewayException.unavailable("paypal timed out", null));
        back("approved", PAYPAL_ORDER, "alice")
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:payment-provider-unavailable"));
    }
}
