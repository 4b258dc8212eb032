package io.orderengine.api.admin.checkouts;

import io.orderengine.api.admin.checkouts.CheckoutSagas;
import io.orderengine.api.security.Caller;
import io.orderengine.api.web.ApiException;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.payment.CompensateCheckoutCommand;
import io.orderengine.messages.payment.RetryCheckoutStepCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin unsticks a checkout: re-run the step that failed, or run the compensation (void/refund, release stock,
 * cancel). Both are recorded with the admin's identity in the order's event history. The saga is addressed by its
 * order id.
 */
@RestController
class AdminSagaController {

    private final CommandGateway commands;
    private final CheckoutSagas sagas;

    AdminSagaController(CommandGateway commands, CheckoutSagas sagas) {
        this.commands = commands;
        this.sagas = sagas;
    }

    record ActionRequest(@Size(max = 500) String note) {
    }

    @PostMapping("/api/v1/admin/sagas/{orderId}/retry")
    ResponseEntity<Map<String, String>> retry(@PathVariable String orderId,
                                              @Valid @RequestBody(required = false) ActionRequest request,
                                              Authentication authentication) {
        commands.sendAndWait(new RetryCheckoutStepCommand(id(orderId), Caller.from(authentication).actor(null),
                request == null || request.note() == null ? "retried by admin" : request.note()));
        return ResponseEntity.accepted().body(Map.of("orderId", orderId, "requested", "retry"));
    }

    @PostMapping("/api/v1/admin/sagas/{orderId}/compensate")
    ResponseEntity<Map<String, String>> compensate(@PathVariable String orderId,
                                                   @Valid @RequestBody(required = false) ActionRequest request,
                                                   Authentication authentication) {
        commands.sendAndWait(new CompensateCheckoutCommand(id(orderId), Caller.from(authentication).actor(null),
                request == null || request.note() == null ? "compensated by admin" : request.note()));
        return ResponseEntity.accepted().body(Map.of("orderId", orderId, "requested", "compensate"));
    }

    /** The order id of a checkout that exists; 404 for anything else, so nothing is recorded for unknown ids. */
    private OrderId id(String value) {
        if (!OrderId.isValid(value) || sagas.of(new OrderId(value)).isEmpty()) {
            throw ApiException.notFound("Checkout " + value);
        }
        return new OrderId(value);
    }
}
