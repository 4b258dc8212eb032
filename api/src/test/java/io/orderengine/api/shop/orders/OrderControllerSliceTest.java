package io.orderengine.api.shop.orders;

import static io.orderengine.api.web.SliceTestSupport.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.isA;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.idempotency.ClientIdempotency;
import io.orderengine.api.shop.orders.live.OrderAccess;
import io.orderengine.api.web.SliceTestSupport.WithEngineWebLayer;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.query.FindGuestOrderQuery;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.messages.query.VerifyGuestTokenQuery;
import io.orderengine.outbound.mail.GuestLinks;
import io.orderengine.query.order.OrderView;
import io.orderengine.saga.payment.PaymentActions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(OrderController.class)
@WithEngineWebLayer
@Import(OrderAccess.class)
class OrderControllerSliceTest {

    private static final String ID = "3f2b1c9e-1d2a-4b6c-9e8f-0a1b2c3d4e5f";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    QueryGateway queries;

    @MockitoBean
    ConsistentCommands commands;

    @MockitoBean
    PaymentActions paymentActions;

    @MockitoBean
    ClientIdempotency idempotency;

    @MockitoBean
    GuestLinks guestLinks;

    @BeforeEach
    void anOrderOfAlice() {
        OrderView alices = new OrderView(
                ID,
                "ORD-20261122-000007",
                OrderStatus.CONFIRMED,
                PaymentStatus.PAID,
                "sandbox",
                new OrderView.Customer("alice", "alice@example.com", false),
                List.of(),
                new OrderView.Totals(2500, 0, 500, 540, 3540, "EUR", 1800),
                null,
                null,
                null,
                null,
                List.of(new OrderView.AdminNote(Instant.now(), null, "VIP")),
                null,
                null,
                List.of(),
                List.of(),
                null,
                Instant.now(),
                Instant.now());
        when(queries.query(isA(FindOrderQuery.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(alices));
        when(queries.query(isA(VerifyGuestTokenQuery.class), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(false));
        when(queries.query(isA(FindGuestOrderQuery.class), any(ResponseType.class)))
                .thenAnswer(call -> CompletableFuture.completedFuture(
                        call.<FindGuestOrderQuery>getArgument(0)
                                        .guestTokenHash()
                                        .equals(ClientIdempotency.sha256("view-token"))
                                ? alices
                                : null));
    }

    @Test
    void aGuestWithTheViewTokenReadsTheOrderWithoutAdminNotesInOneQuery() throws Exception {
        mvc.perform(get("/api/v1/orders/" + ID).param("token", "view-token"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderNumber").value("ORD-20261122-000007"))
                .andExpect(jsonPath("$.adminNotes.length()").value(0));
        verify(queries, never()).query(isA(FindOrderQuery.class), any(ResponseType.class));
        verify(queries, never()).query(isA(VerifyGuestTokenQuery.class), any(ResponseType.class));
    }

    @Test
    void theOwnerReadsTheOrderWithoutAdminNotesAndTheAdminWithThem() throws Exception {
        mvc.perform(get("/api/v1/orders/" + ID).with(as("alice", "CUSTOMER")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.orderNumber").value("ORD-20261122-000007"))
                .andExpect(jsonPath("$.adminNotes.length()").value(0));
        mvc.perform(get("/api/v1/orders/" + ID).with(as("root", "ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.adminNotes.length()").value(1));
    }

    @Test
    void everyoneElseGets404NotForbidden() throws Exception {
        mvc.perform(get("/api/v1/orders/" + ID).with(as("bob", "CUSTOMER")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:not-found"));
        mvc.perform(get("/api/v1/orders/" + ID).param("token", "wrong")).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/orders/%2e%2e%2fetc%2fpasswd")).andExpect(status().is4xxClientError());
        mvc.perform(post("/api/v1/orders/" + ID + "/cancel")
                        .with(as("bob", "CUSTOMER"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"mine\"}"))
                .andExpect(status().isNotFound());
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void theOwnerCancelsWithAReasonAsACustomerActor() throws Exception {
        mvc.perform(post("/api/v1/orders/" + ID + "/cancel")
                        .with(as("alice", "CUSTOMER"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"changed my mind\"}"))
                .andExpect(status().isAccepted());
        verify(commands)
                .sendAndWait(argThat((Object c) -> c instanceof CancelOrderCommand cancel
                        && cancel.actor().id().equals("alice")
                        && cancel.reason().equals("changed my mind")));
        mvc.perform(post("/api/v1/orders/" + ID + "/cancel")
                        .with(as("alice", "CUSTOMER"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void historyNeedsASignedInCallerAndValidPaging() throws Exception {
        mvc.perform(get("/api/v1/orders")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/orders").param("size", "100000").with(as("alice", "CUSTOMER")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/orders").param("status", "NOPE").with(as("alice", "CUSTOMER")))
                .andExpect(status().isBadRequest());
    }
}
