package io.orderengine.api.shop.checkout;

import io.orderengine.api.idempotency.ClientIdempotency;
import io.orderengine.api.idempotency.IdempotencyScope;
import io.orderengine.api.idempotency.IdempotentBody;
import io.orderengine.api.security.Caller;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.command.order.PaymentAttemptPolicy;
import io.orderengine.command.pricing.Quote;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.query.order.OrderView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/checkout}: places an order, as a guest or with a bearer token; Idempotency-Key required. */
@RestController
class CheckoutController {

    private final CheckoutService checkout;
    private final ClientIdempotency idempotency;
    private final PaymentMethodPolicy methods;
    private final String stripePublishableKey;
    private final PaymentAttemptPolicy attempts;

    CheckoutController(
            CheckoutService checkout,
            ClientIdempotency idempotency,
            PaymentMethodPolicy methods,
            @Value("${engine.payments.stripe.publishable-key:}") String stripePublishableKey,
            PaymentAttemptPolicy attempts) {
        this.checkout = checkout;
        this.idempotency = idempotency;
        this.methods = methods;
        this.stripePublishableKey = stripePublishableKey;
        this.attempts = attempts;
    }

    /**
     * The payment methods this shop offers, Stripe's publishable key for Stripe.js when Stripe is offered, and how
     * many payment attempts one order may make ({@code engine.payments.max-attempts}), so a page knows whether to
     * offer another try after a decline.
     */
    record CheckoutOptions(List<String> paymentMethods, String stripePublishableKey, int maxPaymentAttempts) {}

    record QuoteRequest(
            @NotEmpty @Size(max = 100) List<CheckoutRequest.@NotNull @Valid Item> items,

            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = "[A-Z]{3}")
            String currency,

            @NoInvisibleCharacters(allowJoiners = false) @Pattern(regexp = "[A-Z]{2}")
            String country,

            @NoInvisibleCharacters(allowJoiners = false) @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]*")
            String discountCode) {}

    @GetMapping("/api/v1/checkout/options")
    CheckoutOptions options() {
        List<String> offered = Arrays.stream(PaymentMethod.values())
                .filter(methods::offered)
                .map(PaymentMethod::wireName)
                .toList();
        boolean stripe = methods.offered(PaymentMethod.STRIPE) && !stripePublishableKey.isBlank();
        return new CheckoutOptions(offered, stripe ? stripePublishableKey : null, attempts.maxAttempts());
    }

    /** Totals in the order view's shape; {@code discountCode} as the shop knows it (null when none applies). */
    record QuoteResponse(OrderView.Totals totals, String discountCode) {}

    /** Prices a cart the way checkout will (lines from the catalogue, tax for the country, shipping, discount). */
    @PostMapping("/api/v1/checkout/quote")
    QuoteResponse quote(@Valid @RequestBody QuoteRequest request) {
        Quote quote = checkout.quote(request.items(), request.currency(), request.country(), request.discountCode());
        OrderTotals t = quote.totals();
        return new QuoteResponse(
                new OrderView.Totals(
                        t.subtotal().amountMinor(),
                        t.discount().amountMinor(),
                        t.shipping().amountMinor(),
                        t.tax().amountMinor(),
                        t.total().amountMinor(),
                        t.currency(),
                        t.taxRateBasisPoints()),
                quote.discountCode());
    }

    @PostMapping("/api/v1/checkout")
    ResponseEntity<IdempotentBody<CheckoutResponse>> checkout(
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @RequestHeader(name = ClientIdempotency.CLIENT_SECRET_HEADER, required = false) String clientSecret,
            @Valid @RequestBody CheckoutRequest request,
            Authentication authentication) {
        Caller caller = Caller.from(authentication);
        String jwtEmail = authentication instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getClaimAsString("email")
                : null;
        IdempotencyScope scope = IdempotencyScope.of(caller, CheckoutService.idempotencyScope(caller), clientSecret);
        return idempotency.execute(scope, idempotencyKey, request, () -> {
            CheckoutResponse response = checkout.place(caller, idempotencyKey, request, jwtEmail);
            return ResponseEntity.status(HttpStatus.CREATED)
                    .location(URI.create("/api/v1/orders/" + response.orderId()))
                    .body(response);
        });
    }
}
