package io.orderengine.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.command.order.CurrencyMismatchException;
import io.orderengine.command.order.IllegalOrderTransitionException;
import io.orderengine.command.order.IllegalPaymentTransitionException;
import io.orderengine.command.order.InvalidOrderException;
import io.orderengine.command.order.RefundNotAllowedException;
import io.orderengine.command.order.UnsupportedFulfilmentTargetException;
import io.orderengine.command.pricing.UnknownDiscountCodeException;
import io.orderengine.command.pricing.UnsupportedCurrencyException;
import io.orderengine.command.sku.InsufficientStockException;
import io.orderengine.command.sku.OrderStockNotFoundException;
import io.orderengine.command.sku.PriceCurrencyChangeException;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** Each rejection keeps the status and problem type the API answered before rejections had a common base. */
class DomainErrorsTest {

    private static final SkuCode MUG = new SkuCode("MUG");
    private static final OrderId ORDER = new OrderId("3f2b1c9e-1d2a-4b6c-9e8f-0a1b2c3d4e5f");

    @Test
    void aConflictWithTheCurrentStateIs409() {
        assertProblem(
                new IllegalOrderTransitionException(OrderStatus.SHIPPED, OrderStatus.CANCELLED),
                409,
                "illegal-transition");
        assertProblem(
                new IllegalPaymentTransitionException(PaymentStatus.PAID, PaymentStatus.FAILED),
                409,
                "illegal-transition");
        assertProblem(new InsufficientStockException(MUG, -5, 3, 1), 409, "insufficient-stock");
        assertProblem(
                new OrderStockNotFoundException(MUG, ORDER, "never reserved any stock"), 409, "insufficient-stock");
    }

    @Test
    void aRuleRefusingAWellFormedRequestIs422() {
        assertProblem(new RefundNotAllowedException("nothing captured", Money.of(0, "EUR")), 422, "refund-not-allowed");
        assertProblem(
                new UnknownDiscountCodeException("NOPE", "unknown discount code NOPE"), 422, "unknown-discount-code");
        assertProblem(new UnsupportedCurrencyException("JPY"), 422, "currency");
        assertProblem(new CurrencyMismatchException("refund", Money.of(100, "USD"), "EUR"), 422, "currency");
        assertProblem(
                new PriceCurrencyChangeException(MUG, Money.of(100, "EUR"), Money.of(100, "USD")), 422, "currency");
        assertProblem(new InvalidOrderException("MUG is on two lines"), 422, "invalid-order");
    }

    @Test
    void anInvalidRequestIs400() {
        assertProblem(new UnsupportedFulfilmentTargetException(OrderStatus.CONFIRMED), 400, "validation");
        assertProblem(
                new IllegalArgumentException("sku must match [A-Z0-9][A-Z0-9._-]{0,63}, got 'mug'"), 400, "validation");
    }

    @Test
    void theDetailIsTheRejectionsOwnMessage() {
        ProblemDetail problem = DomainErrors.toProblem(
                        new IllegalOrderTransitionException(OrderStatus.SHIPPED, OrderStatus.CANCELLED))
                .orElseThrow();

        assertThat(problem.getDetail()).isEqualTo("order is SHIPPED; cannot move to CANCELLED");
        assertThat(problem.getTitle()).isEqualTo("Conflict");
    }

    @Test
    void anythingElseIsNotADomainError() {
        assertThat(DomainErrors.toProblem(new IllegalStateException("store down")))
                .isEmpty();
        assertThat(DomainErrors.toProblem(new NullPointerException())).isEmpty();
    }

    private static void assertProblem(RuntimeException rejection, int status, String type) {
        ProblemDetail problem = DomainErrors.toProblem(rejection).orElseThrow();
        assertThat(problem.getStatus()).as(rejection.getClass().getSimpleName()).isEqualTo(status);
        assertThat(problem.getType()).isEqualTo(URI.create("urn:order-engine:problem:" + type));
    }
}
