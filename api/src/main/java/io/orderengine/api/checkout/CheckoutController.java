package io.orderengine.api.checkout;

import io.orderengine.api.idempotency.IdempotencyKeys;
import io.orderengine.api.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/checkout}: places an order, as a guest or with a bearer token; Idempotency-Key required. */
@RestController
class CheckoutController {

    private final CheckoutService checkout;
    private final IdempotencyKeys idempotency;

    CheckoutController(CheckoutService checkout, IdempotencyKeys idempotency) {
        this.checkout = checkout;
        this.idempotency = idempotency;
    }

    @PostMapping("/api/v1/checkout")
    ResponseEntity<?> checkout(@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                               @Valid @RequestBody CheckoutRequest request, Authentication authentication) {
        Caller caller = Caller.from(authentication);
        String jwtEmail = authentication instanceof JwtAuthenticationToken jwt
                ? jwt.getToken().getClaimAsString("email") : null;
        return idempotency.execute(CheckoutService.idempotencyScope(caller), idempotencyKey, request, () -> {
            CheckoutResponse response = checkout.place(caller, idempotencyKey, request, jwtEmail);
            return ResponseEntity.status(HttpStatus.CREATED)
                    .location(URI.create("/api/v1/orders/" + response.orderId()))
                    .body(response);
        });
    }
}
