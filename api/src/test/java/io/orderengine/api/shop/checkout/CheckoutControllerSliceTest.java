package io.orderengine.api.shop.checkout;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderengine.api.engine.PaymentAttemptConfiguration;
import io.orderengine.api.idempotency.ClientIdempotency;
import io.orderengine.api.idempotency.IdempotencyScope;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.SliceTestSupport.WithEngineWebLayer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(CheckoutController.class)
@WithEngineWebLayer
@Import(PaymentAttemptConfiguration.class)
class CheckoutControllerSliceTest {

    private static final String VALID = """
            {"items":[{"sku":"TSHIRT-RED-M","quantity":2}],"email":"guest@example.com",
             "shippingAddress":{"fullName":"Noa Cohen","phone":"+972501112233","line1":"5 Rothschild Blvd","line2":null,
                                "city":"Tel Aviv","region":null,"postalCode":"6688101","country":"IL"},
             "billingAddress":null,"paymentMethod":"sandbox","currency":"EUR","discountCode":null,"notes":null}""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CheckoutService checkout;

    @MockitoBean
    ClientIdempotency idempotency;

    @MockitoBean
    PaymentMethodPolicy methods;

    @Test
    void validatesEveryPartOfTheBodyBeforeAnythingHappens() throws Exception {
        String bad = VALID.replace("\"quantity\":2", "\"quantity\":0")
                .replace("\"country\":\"IL\"", "\"country\":\"Israel\"")
                .replace("\"paymentMethod\":\"sandbox\"", "\"paymentMethod\":\"cash\"")
                .replace("\"email\":\"guest@example.com\"", "\"email\":\"not-an-email\"");
        mvc.perform(post("/api/v1/checkout")
                        .header("Idempotency-Key", "k")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(bad))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(4));
        mvc.perform(post("/api/v1/checkout")
                        .header("Idempotency-Key", "k")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                VALID.replace("\"items\":[{\"sku\":\"TSHIRT-RED-M\",\"quantity\":2}]", "\"items\":[]")))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/v1/checkout")
                        .header("Idempotency-Key", "k")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("\"notes\":null", "\"notes\":null,\"priceMinor\":1")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Unknown field 'priceMinor'."));
        verify(idempotency, never()).execute(any(IdempotencyScope.class), any(), any(), any());
    }

    @Test
    void handsAValidCheckoutToTheIdempotencyGuardWithItsKey() throws Exception {
        ResponseEntity<?> created =
                ResponseEntity.status(201).body(new CheckoutResponse("o", "ORD-20261122-000001", "PENDING", "t", null));
        when(idempotency.execute(eq(IdempotencyScope.guest("guest", null)), eq("key-1"), any(), any()))
                .thenAnswer(invocation -> created);
        mvc.perform(post("/api/v1/checkout")
                        .header("Idempotency-Key", "key-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.orderNumber").value("ORD-20261122-000001"))
                .andExpect(jsonPath("$.payment").isEmpty());
    }

    @Test
    void aMissingKeyIsA400Problem() throws Exception {
        when(idempotency.execute(any(IdempotencyScope.class), isNull(), any(), any()))
                .thenThrow(
                        ApiException.badRequest("idempotency-key-required", "The Idempotency-Key header is required."));
        mvc.perform(post("/api/v1/checkout")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:idempotency-key-required"));
    }

    @Test
    void optionsNameTheOfferedMethodsAndHowManyPaymentAttemptsAnOrderMayMake() throws Exception {
        when(methods.offered(any()))
                .thenAnswer(
                        invocation -> invocation.getArgument(0) == io.orderengine.messages.order.PaymentMethod.SANDBOX);
        mvc.perform(get("/api/v1/checkout/options"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paymentMethods[0]").value("sandbox"))
                .andExpect(jsonPath("$.paymentMethods.length()").value(1))
                .andExpect(jsonPath("$.maxPaymentAttempts").value(3));
    }
}
