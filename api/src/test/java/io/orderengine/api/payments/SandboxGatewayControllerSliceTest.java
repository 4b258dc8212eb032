package io.orderengine.api.payments;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderengine.api.shop.checkout.PaymentMethodPolicy;
import io.orderengine.api.web.SliceTestSupport.WithEngineWebLayer;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.inbox.WebhookProcessingException;
import io.orderengine.saga.payment.sandbox.SandboxCheckout;
import io.orderengine.saga.payment.sandbox.SandboxDecisionConflictException;
import io.orderengine.saga.payment.sandbox.UnknownSandboxPaymentException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(SandboxGatewayController.class)
@WithEngineWebLayer
class SandboxGatewayControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    SandboxCheckout sandbox;

    @MockitoBean
    PaymentMethodPolicy methods;

    private void decide(String reference, String body, int status) throws Exception {
        mvc.perform(post("/api/v1/payments/sandbox/" + reference)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().is(status));
    }

    @Test
    void approvesWithoutABearerTokenAndAnswersTheDecision() throws Exception {
        when(methods.offered(PaymentMethod.SANDBOX)).thenReturn(true);
        when(sandbox.decide("sbx_1", "approve"))
                .thenReturn(
                        new SandboxCheckout.Decision("sbx_1", "3f2b1c9e-1d2a-4b6c-9e8f-0a1b2c3d4e5f", "authorized"));
        mvc.perform(post("/api/v1/payments/sandbox/sbx_1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"outcome\":\"approve\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("authorized"));
    }

    @Test
    void mapsEveryOutcomeToAProblem() throws Exception {
        when(methods.offered(PaymentMethod.SANDBOX)).thenReturn(true);
        decide("sbx_1", "{\"outcome\":\"maybe\"}", 400);
        decide("sbx_1", "{\"outcome\":\"approve\",\"amount\":1}", 400);
        decide("bad%20ref!", "{\"outcome\":\"approve\"}", 400);
        when(sandbox.decide(eq("sbx_gone"), anyString())).thenThrow(mock(UnknownSandboxPaymentException.class));
        decide("sbx_gone", "{\"outcome\":\"approve\"}", 404);
        when(sandbox.decide(eq("sbx_done"), anyString())).thenThrow(mock(SandboxDecisionConflictException.class));
        decide("sbx_done", "{\"outcome\":\"decline\"}", 409);
        when(sandbox.decide(eq("sbx_busy"), anyString())).thenThrow(new WebhookProcessingException("store down", null));
        decide("sbx_busy", "{\"outcome\":\"approve\"}", 503);
    }

    @Test
    void doesNotExistWhenTheSandboxIsNotOffered() throws Exception {
        when(methods.offered(PaymentMethod.SANDBOX)).thenReturn(false);
        decide("sbx_1", "{\"outcome\":\"approve\"}", 404);
        verify(sandbox, never()).decide(anyString(), anyString());
    }
}
