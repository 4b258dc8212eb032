package io.orderengine.api.webhooks;

import io.orderengine.api.web.ApiException;
import io.orderengine.saga.inbox.InvalidWebhookSignatureException;
import io.orderengine.saga.inbox.WebhookProcessingException;
import io.orderengine.saga.inbox.WebhookResult;
import io.orderengine.saga.payment.paypal.PayPalWebhookService;
import io.orderengine.saga.payment.stripe.StripeWebhookService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Provider webhooks. Exempt from bearer auth, not from checks: the signature is verified on the raw body (a bad or
 * missing one → 400, nothing changes), bodies over 100 kB are refused, each provider event id is processed once
 * (a failed processing answers 500 so the provider retries; a processed one is acknowledged without effect), and
 * unknown event types are acknowledged and ignored. A provider that is not configured answers 404.
 */
@RestController
class PaymentWebhookController {

    private final ObjectProvider<StripeWebhookService> stripe;
    private final ObjectProvider<PayPalWebhookService> paypal;

    PaymentWebhookController(ObjectProvider<StripeWebhookService> stripe, ObjectProvider<PayPalWebhookService> paypal) {
        this.stripe = stripe;
        this.paypal = paypal;
    }

    /** What a provider is answered: {@code {"result"}}: the handling's outcome ({@code WebhookResult}) in lower case. */
    record WebhookAck(String result) {}

    @PostMapping(value = "/api/v1/webhooks/stripe", consumes = MediaType.ALL_VALUE)
    WebhookAck stripe(
            @RequestBody String rawBody, @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        StripeWebhookService service = stripe.getIfAvailable();
        if (service == null) {
            throw ApiException.notFound("Stripe webhooks");
        }
        return handled(() -> service.handle(rawBody, signature == null ? "" : signature));
    }

    @PostMapping(value = "/api/v1/webhooks/paypal", consumes = MediaType.ALL_VALUE)
    WebhookAck paypal(@RequestBody String rawBody, HttpServletRequest request) {
        PayPalWebhookService service = paypal.getIfAvailable();
        if (service == null) {
            throw ApiException.notFound("PayPal webhooks");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, request.getHeader(name));
        }
        return handled(() -> service.handle(rawBody, headers));
    }

    private static WebhookAck handled(Supplier<WebhookResult> handling) {
        try {
            return new WebhookAck(handling.get().name().toLowerCase());
        } catch (InvalidWebhookSignatureException e) {
            throw ApiException.badRequest("invalid-signature", "The webhook signature is missing or invalid.");
        } catch (WebhookProcessingException e) {
            throw new ApiException(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "webhook-not-processed",
                    "The event could not be processed now; deliver it again.");
        }
    }
}
