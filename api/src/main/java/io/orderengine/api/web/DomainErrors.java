package io.orderengine.api.web;

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
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Maps rejections raised by the domain (aggregates, message records) to problem details. Only our own exceptions
 * are mapped, and their messages are written for clients (they name states and quantities, never internals).
 */
final class DomainErrors {

    private DomainErrors() {
    }

    static Optional<ProblemDetail> toProblem(Throwable error) {
        ProblemDetail problem;
        String message = error.getMessage();
        if (error instanceof IllegalOrderTransitionException || error instanceof IllegalPaymentTransitionException) {
            problem = Problems.of(HttpStatus.CONFLICT, "illegal-transition", message);
        } else if (error instanceof InsufficientStockException || error instanceof OrderStockNotFoundException) {
            problem = Problems.of(HttpStatus.CONFLICT, "insufficient-stock", message);
        } else if (error instanceof RefundNotAllowedException) {
            problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "refund-not-allowed", message);
        } else if (error instanceof UnknownDiscountCodeException) {
            problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-discount-code", message);
        } else if (error instanceof UnsupportedCurrencyException || error instanceof CurrencyMismatchException
                || error instanceof PriceCurrencyChangeException) {
            problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "currency", message);
        } else if (error instanceof UnsupportedFulfilmentTargetException) {
            problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", message);
        } else if (error instanceof InvalidOrderException) {
            problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-order", message);
        } else if (error instanceof IllegalArgumentException && thrownByUs(error)) {
            // a message record's shape check: the client sent something the domain cannot represent
            problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", message);
        } else {
            return Optional.empty();
        }
        return Optional.of(problem);
    }

    private static boolean thrownByUs(Throwable error) {
        StackTraceElement[] trace = error.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("io.orderengine.");
    }
}
