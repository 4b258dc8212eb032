package io.orderengine.api.admin.orders;

import static io.orderengine.api.web.SliceTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.idempotency.ClientIdempotency;
import io.orderengine.api.web.SliceTestSupport.WithEngineWebLayer;
import io.orderengine.command.order.IllegalOrderTransitionException;
import io.orderengine.command.order.RefundNotAllowedException;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.ChangeFulfilmentStatusCommand;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.RequestRefundCommand;
import io.orderengine.messages.order.ResumeOrderCommand;
import io.orderengine.messages.order.ReturnEverythingCommand;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(AdminOrderCommandController.class)
@WithEngineWebLayer
class AdminOrderCommandControllerSliceTest {

    private static final String ORDER = "3f2b1c9e-1d2a-4b6c-9e8f-0a1b2c3d4e5f";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ConsistentCommands commands;

    @MockitoBean
    QueryGateway queries;

    @MockitoBean
    ClientIdempotency idempotency;

    @Test
    void shipsWithATrackingNumberAsTheAdmin() throws Exception {
        mvc.perform(post("/api/v1/admin/orders/" + ORDER + "/status")
                        .with(as("root", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"SHIPPED\",\"note\":\"DHL\",\"trackingNumber\":\"JD0146000\"}"))
                .andExpect(status().isAccepted());
        ArgumentCaptor<ChangeFulfilmentStatusCommand> sent =
                ArgumentCaptor.forClass(ChangeFulfilmentStatusCommand.class);
        verify(commands).sendAndWait(sent.capture());
        assertThat(sent.getValue().target()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(sent.getValue().trackingNumber()).isEqualTo("JD0146000");
        assertThat(sent.getValue().actor().isAdmin()).isTrue();
        assertThat(sent.getValue().actor().id()).isEqualTo("root");
    }

    @Test
    void cancellingIsACancelCommandAndIllegalMovesAreConflictsNamingTheState() throws Exception {
        when(commands.sendAndWait(any(CancelOrderCommand.class)))
                .thenThrow(new IllegalOrderTransitionException(OrderStatus.SHIPPED, OrderStatus.CANCELLED));
        mvc.perform(post("/api/v1/admin/orders/" + ORDER + "/status")
                        .with(as("root", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"CANCELLED\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:illegal-transition"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("SHIPPED")));
    }

    @Test
    void refusesUnknownTargetsNegativeAmountsAndOtherRoles() throws Exception {
        mvc.perform(post("/api/v1/admin/orders/" + ORDER + "/status")
                        .with(as("root", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"CONFIRMED\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/admin/orders/" + ORDER + "/refunds")
                        .with(as("root", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amountMinor\":-1,\"reason\":\"x\"}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/admin/orders/" + ORDER + "/refunds")
                        .with(as("bob", "CUSTOMER"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"reason\":\"x\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/admin/orders/not-an-id/status")
                        .with(as("root", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"SHIPPED\"}"))
                .andExpect(status().isNotFound());
        verify(commands, never()).sendAndWait(any(RequestRefundCommand.class));
    }

    @Test
    void returnedNeedsAnExplicitRestockChoice() throws Exception {
        mvc.perform(post("/api/v1/admin/orders/" + ORDER + "/status")
                        .with(as("root", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"RETURNED\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("restock-choice-required")));
        verify(commands, org.mockito.Mockito.never()).sendAndWait(any(ReturnEverythingCommand.class));
    }

    @Test
    void takesEveryStatusTheApiAcceptsByItsUpperCaseNameOnly() throws Exception {
        for (String status : new String[] {"PROCESSING", "SHIPPED", "DELIVERED", "RETURNED", "CANCELLED", "RESUMED"}) {
            mvc.perform(post("/api/v1/admin/orders/" + ORDER + "/status")
                            .with(as("root", "ADMIN"))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{\"status\":\"" + status + "\",\"restock\":true}"))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.requested").value(status));
        }
        verify(commands).sendAndWait(any(ReturnEverythingCommand.class));
        verify(commands).sendAndWait(any(ResumeOrderCommand.class));
        verify(commands).sendAndWait(any(CancelOrderCommand.class));

        mvc.perform(post("/api/v1/admin/orders/" + ORDER + "/status")
                        .with(as("root", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"status\":\"shipped\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("status must be one of [")));
        for (String body : new String[] {
            "{\"status\":\"CONFIRMED\"}",
            "{\"status\":1}",
            "{\"status\":\"\"}",
            "{\"status\":{\"$gt\":\"\"}}",
            "{\"status\":null}",
            "{}"
        }) {
            mvc.perform(post("/api/v1/admin/orders/" + ORDER + "/status")
                            .with(as("root", "ADMIN"))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.status").value(400));
        }
    }

    @Test
    void aRefundBeyondWhatWasCapturedIsUnprocessable() throws Exception {
        when(queries.query(any(), any(org.axonframework.messaging.responsetypes.ResponseType.class)))
                .thenReturn(java.util.concurrent.CompletableFuture.completedFuture(OrderViews.paidOrder(ORDER)));
        when(commands.sendAndWait(any(RequestRefundCommand.class)))
                .thenThrow(new RefundNotAllowedException(
                        "cannot refund 9999 EUR: at most 3540 EUR can be refunded", Money.of(3540, "EUR")));
        mvc.perform(post("/api/v1/admin/orders/" + ORDER + "/refunds")
                        .with(as("root", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amountMinor\":9999,\"reason\":\"x\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:refund-not-allowed"));
    }
}
