package io.orderengine.api.payments;

import io.orderengine.api.shop.checkout.PaymentMethodPolicy;
import io.orderengine.api.web.ApiException;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.inbox.WebhookProcessingException;
import io.orderengine.saga.payment.sandbox.SandboxCheckout;
import io.orderengine.saga.payment.sandbox.SandboxDecisionConflictException;
import io.orderengine.saga.payment.sandbox.UnknownSandboxPaymentException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The built-in sandbox gateway's customer side: {@code POST} to the order's {@code payment.action.url} with
 * {@code {"outcome":"approve"|"decline"}}. Exists only when the sandbox is offered (demo mode or
 * {@code engine.payments.sandbox.enabled=true}). The payment reference in the path is an unguessable id.
 */
@RestController
class SandboxGatewayController {

    private final SandboxCheckout sandbox;
    private final PaymentMethodPolicy methods;

    SandboxGatewayController(SandboxCheckout sandbox, PaymentMethodPolicy methods) {
        this.sandbox = sandbox;
        this.methods = methods;
    }

    record DecisionRequest(
            @NotNull @Pattern(regexp = "approve|decline") String outcome) {}

    @PostMapping("/api/v1/payments/sandbox/{reference}")
    SandboxCheckout.Decision decide(
            @PathVariable @Pattern(regexp = "[A-Za-z0-9_-]{1,80}") String reference,
            @Valid @RequestBody DecisionRequest request) {
        if (!methods.offered(PaymentMethod.SANDBOX)) {
            throw ApiException.notFound("Sandbox payment");
        }
        try {
            return sandbox.decide(reference, request.outcome());
        } catch (UnknownSandboxPaymentException e) {
            throw ApiException.notFound("Sandbox payment");
        } catch (SandboxDecisionConflictException e) {
            throw new ApiException(HttpStatus.CONFLICT, "payment-already-decided", e.getMessage());
        } catch (WebhookProcessingException e) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "payment-not-recorded",
                    "The decision was taken but not yet recorded; post it again.");
        }
    }
}
