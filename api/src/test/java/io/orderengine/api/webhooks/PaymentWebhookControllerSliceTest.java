package io.orderengine.api.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderengine.api.web.SliceTestSupport.WithEngineWebLayer;
import io.orderengine.saga.inbox.InvalidWebhookSignatureException;
import io.orderengine.saga.inbox.WebhookProcessingException;
import io.orderengine.saga.inbox.WebhookResult;
import io.orderengine.saga.payment.paypal.PayPalWebhookService;
import io.orderengine.saga.payment.stripe.StripeWebhookService;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The webhook endpoints' HTTP contract, with the webhook services mocked: what each service outcome answers, that
 * the raw body and signature reach the service untouched, and the limits applied before any service runs.
 * Only Stripe is configured here (PayPal has no service bean), except in {@link WithPayPalConfigured}.
 */
@WebMvcTest(PaymentWebhookController.class)
@WithEngineWebLayer
class PaymentWebhookControllerSliceTest {

    private static final String STRIPE_EVENT =
            "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\"}";
    private static final String SIGNATURE =
            "t=1700000000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    StripeWebhookService stripe;

    @Test
    void passesTheRawBodyAndSignatureToStripeAndAcknowledgesAProcessedEvent() throws Exception {
        String spaced = "{ \"id\" : \"evt_1\",\n  \"type\":\"payment_intent.succeeded\" }";
        when(stripe.handle(spaced, SIGNATURE)).thenReturn(WebhookResult.PROCESSED);

        mvc.perform(post("/api/v1/webhooks/stripe")
                        .header("Stripe-Signature", SIGNATURE)
                        .contentType("application/json; charset=utf-8")
                        .content(spaced))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("processed"));
        verify(stripe).handle(spaced, SIGNATURE);
    }

    @Test
    void acknowledgesAnEventProcessedBeforeAndAnIgnoredEventTypeWith200() throws Exception {
        when(stripe.handle(anyString(), anyString()))
                .thenReturn(WebhookResult.ALREADY_PROCESSED, WebhookResult.IGNORED);

        mvc.perform(post("/api/v1/webhooks/stripe")
                        .header("Stripe-Signature", SIGNATURE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(STRIPE_EVENT))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("already_processed"));
        mvc.perform(post("/api/v1/webhooks/stripe")
                        .header("Stripe-Signature", SIGNATURE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(STRIPE_EVENT.replace("payment_intent.succeeded", "customer.created")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.result").value("ignored"));
    }

    @Test
    void aBadSignatureIsA400ProblemThatSaysNothingAboutTheSecret() throws Exception {
        when(stripe.handle(anyString(), anyString()))
                .thenThrow(new InvalidWebhookSignatureException(
                        "No signatures found matching the expected signature for payload", null));

        mvc.perform(post("/api/v1/webhooks/stripe")
                        .header("Stripe-Signature", "t=1,v1=forged")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(STRIPE_EVENT))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:invalid-signature"))
                .andExpect(jsonPath("$.detail").value("The webhook signature is missing or invalid."));
    }

    @Test
    void aMissingSignatureHeaderReachesTheServiceAsEmptyAndIsA400Problem() throws Exception {
        when(stripe.handle(STRIPE_EVENT, ""))
                .thenThrow(new InvalidWebhookSignatureException("missing Stripe-Signature header", null));

        mvc.perform(post("/api/v1/webhooks/stripe")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(STRIPE_EVENT))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:invalid-signature"));
        verify(stripe).handle(STRIPE_EVENT, "");
    }

    @Test
    void aProcessingFailureIsA500ProblemSoTheProviderDeliversAgain() throws Exception {
        when(stripe.handle(anyString(), anyString()))
                .thenThrow(new WebhookProcessingException(
                        "stripe event evt_1 failed", new IllegalStateException("command bus down")));

        mvc.perform(post("/api/v1/webhooks/stripe")
                        .header("Stripe-Signature", SIGNATURE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(STRIPE_EVENT))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:webhook-not-processed"))
                .andExpect(jsonPath("$.detail").value("The event could not be processed now; deliver it again."));
    }

    @Test
    void aBodyOver100KilobytesIsRefusedWith413BeforeTheServiceRuns() throws Exception {
        byte[] huge = new byte[100 * 1024 + 1];
        Arrays.fill(huge, (byte) 'a');

        mvc.perform(post("/api/v1/webhooks/stripe")
                        .header("Stripe-Signature", SIGNATURE)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(huge))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:payload-too-large"));
        verify(stripe, never()).handle(anyString(), anyString());
    }

    @Test
    void aProviderThatIsNotConfiguredAnswers404() throws Exception {
        mvc.perform(post("/api/v1/webhooks/paypal")
                        .header("PAYPAL-TRANSMISSION-ID", "t-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\"}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:not-found"));
    }

    /** PayPal configured as well: its transmission headers reach the service with the raw body. */
    @Nested
    class WithPayPalConfigured {

        private static final String PAYPAL_EVENT =
                "{\"id\":\"WH-1\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\",\"resource\":{}}";

        @Autowired
        MockMvc mvc;

        @MockitoBean
        PayPalWebhookService paypal;

        @Test
        void passesTheTransmissionHeadersAndRawBodyToPayPal() throws Exception {
            when(paypal.handle(eq(PAYPAL_EVENT), anyMap())).thenReturn(WebhookResult.PROCESSED);

            mvc.perform(post("/api/v1/webhooks/paypal")
                            .header("PAYPAL-TRANSMISSION-ID", "t-1")
                            .header("PAYPAL-TRANSMISSION-SIG", "sig")
                            .header("PAYPAL-AUTH-ALGO", "SHA256withRSA")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(PAYPAL_EVENT))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.result").value("processed"));

            @SuppressWarnings("unchecked")
            ArgumentCaptor<Map<String, String>> headers = ArgumentCaptor.forClass(Map.class);
            verify(paypal).handle(eq(PAYPAL_EVENT), headers.capture());
            assertThat(headers.getValue()).containsKey("PAYPAL-TRANSMISSION-SIG");
            assertThat(headers.getValue().entrySet()).anySatisfy(header -> {
                assertThat(header.getKey()).isEqualToIgnoringCase("PAYPAL-TRANSMISSION-ID");
                assertThat(header.getValue()).isEqualTo("t-1");
            });
        }

        @Test
        void aDeliveryPayPalDoesNotVouchForIsA400AndAFailedOneA500() throws Exception {
            when(paypal.handle(anyString(), any()))
                    .thenThrow(new InvalidWebhookSignatureException("FAILURE", null))
                    .thenThrow(new WebhookProcessingException("verification unavailable", null));

            mvc.perform(post("/api/v1/webhooks/paypal")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(PAYPAL_EVENT))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("urn:order-engine:problem:invalid-signature"));
            mvc.perform(post("/api/v1/webhooks/paypal")
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(PAYPAL_EVENT))
                    .andExpect(status().isInternalServerError())
                    .andExpect(jsonPath("$.type").value("urn:order-engine:problem:webhook-not-processed"));
        }
    }
}
