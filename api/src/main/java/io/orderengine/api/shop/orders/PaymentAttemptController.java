package io.orderengine.api.shop.orders;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.idempotency.ClientIdempotency;
import io.orderengine.api.idempotency.IdempotentBody;
import io.orderengine.api.security.Caller;
import io.orderengine.api.shop.checkout.PaymentMethodPolicy;
import io.orderengine.api.shop.orders.live.OrderAccess;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.StartPaymentAttemptCommand;
import io.orderengine.query.order.OrderView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Another payment attempt after a failed one, by the order's owner or a guest with its token (anyone else: 404). The
 * order decides whether one may start (409 {@code payment-attempt-not-allowed} otherwise); the checkout saga then sets
 * up the new payment, whose action the order shows once it is ready. With an Idempotency-Key a retried request gets
 * the first answer again instead of a 409.
 */
@RestController
@Validated
class PaymentAttemptController {

    private final ConsistentCommands commands;
    private final OrderAccess access;
    private final ClientIdempotency idempotency;
    private final PaymentMethodPolicy methods;

    PaymentAttemptController(
            ConsistentCommands commands,
            OrderAccess access,
            ClientIdempotency idempotency,
            PaymentMethodPolicy methods) {
        this.commands = commands;
        this.access = access;
        this.idempotency = idempotency;
        this.methods = methods;
    }

    record PaymentAttemptRequest(
            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = "sandbox|stripe|paypal")
            String paymentMethod) {}

    /** An attempt started: {@code {"orderId","attempt"}}, the attempt counting from 1 (the checkout's payment). */
    record PaymentAttemptAccepted(String orderId, int attempt) {}

    @PostMapping("/api/v1/orders/{id}/payment-attempts")
    ResponseEntity<IdempotentBody<PaymentAttemptAccepted>> start(
            @PathVariable String id,
            @RequestParam(required = false) @Size(max = 128) String token,
            @Valid @RequestBody PaymentAttemptRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Authentication authentication) {
        Caller caller = Caller.from(authentication);
        OrderView order = access.readable(id, token, caller);
        PaymentMethod method = PaymentMethod.fromWire(request.paymentMethod());
        if (!methods.offered(method)) {
            throw ApiException.unprocessable(
                    "payment-method-unavailable",
                    "Payment method '" + request.paymentMethod() + "' is not offered by this shop.");
        }
        Supplier<ResponseEntity<PaymentAttemptAccepted>> start = () -> {
            Integer attempt = commands.sendAndWait(new StartPaymentAttemptCommand(
                    new OrderId(order.orderId()), method, caller.actor(order.orderId())));
            return ResponseEntity.accepted().body(new PaymentAttemptAccepted(order.orderId(), attempt));
        };
        if (key == null) {
            return IdempotentBody.fresh(start.get());
        }
        String scope = caller.subjectIfSignedIn().map(s -> "subject:" + s).orElse("guest:" + order.orderId());
        return idempotency.execute(scope, key, Map.of("paymentAttempt", order.orderId(), "body", request), start);
    }
}
