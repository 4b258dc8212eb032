package io.orderengine.saga.checkout;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.RejectOrderCommand;
import io.orderengine.messages.order.ResumeOrderCommand;
import io.orderengine.messages.sku.CommitStockCommand;
import io.orderengine.messages.sku.ReleaseStockCommand;
import io.orderengine.messages.sku.ReserveStockCommand;
import io.orderengine.messages.sku.RestockCommand;
import io.orderengine.saga.checkout.CheckoutProgress.FailedStep;
import io.orderengine.saga.checkout.CheckoutProgress.Stage;
import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.payment.PaymentSession;
import io.orderengine.saga.payment.Refund;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order and stock aggregates as one checkout addresses them: a method per command, built from the checkout's
 * state, sent through {@link StepCommands} (stored before the step is marked done; a command that could not be
 * delivered throws, so the step runs again). Stock commands go out in SKU code order, so two checkouts never lock
 * SKUs crosswise.
 */
final class CheckoutCommands {

    private static final Logger log = LoggerFactory.getLogger(CheckoutCommands.class);

    private final StepCommands commands;
    private final CheckoutState state;

    CheckoutCommands(StepCommands commands, CheckoutState state) {
        this.commands = commands;
        this.state = state;
    }

    void reserveStock(Instant until) {
        state.quantities.forEach(
                line -> send(new ReserveStockCommand(line.sku(), state.orderId, line.quantity(), until)));
    }

    /** Releases what was reserved; while answers are still missing, every SKU (a release holding nothing is a no-op). */
    void releaseStock(String reason) {
        List<SkuCode> skus = state.stage == Stage.RESERVING_STOCK ? state.skus() : state.reserved;
        bySkuCode(skus).forEach(sku -> send(new ReleaseStockCommand(sku, state.orderId, reason)));
    }

    void releaseReservedStock(String reason) {
        bySkuCode(state.reserved).forEach(sku -> send(new ReleaseStockCommand(sku, state.orderId, reason)));
    }

    /** Gives the order's stock back: restocked when it was committed (taken off the shelf), released otherwise. */
    void returnStock(boolean committed, String reason) {
        if (committed) {
            restock(reason);
        } else {
            releaseStock(reason);
        }
    }

    void restock(String reason) {
        state.skus().forEach(sku -> send(new RestockCommand(sku, state.orderId, reason)));
    }

    /** Commits the stock of a paid order, once. */
    void commitStock() {
        if (state.stockCommitted) {
            return;
        }
        state.stockCommitted = true;
        state.skus().forEach(sku -> send(new CommitStockCommand(sku, state.orderId)));
    }

    void rejectOrder() {
        send(new RejectOrderCommand(state.orderId, state.shortSkus));
    }

    void awaitPayment(PaymentSession session) {
        send(new AwaitPaymentCommand(state.orderId, state.provider, session.paymentReference(), session.action()));
    }

    /**
     * Confirms the order as paid by the capture in the state, then commits the stock of every SKU it holds. When the
     * order refuses (typically it was cancelled while the money was taken: its OrderCancelledEvent refunds it), the
     * order is flagged instead and no stock is committed.
     */
    void confirmOrderAndCommitStock() {
        StepCommands.Outcome confirmed = confirmOrder();
        if (confirmed.refused()) {
            flag(
                    FailedStep.CAPTURE,
                    "captured " + state.captureReference + " but the order could not be confirmed: "
                            + confirmed.refusal().getMessage());
            return;
        }
        commitStock();
    }

    /** Confirms the order as paid by the capture in the state; the outcome says whether the order refused. */
    StepCommands.Outcome confirmOrder() {
        return commands.send(
                new ConfirmOrderCommand(state.orderId, state.provider, state.captureReference, state.captured));
    }

    void recordPaymentFailure(String reason) {
        send(new RecordPaymentFailureCommand(state.orderId, reason));
    }

    void recordRefund(String refundId, Refund refund) {
        send(new RecordRefundCommand(state.orderId, refundId, refund.refundReference(), refund.amount()));
    }

    void resumeOrder(String note) {
        send(new ResumeOrderCommand(state.orderId, CheckoutSaga.ACTOR, note));
    }

    void cancelOrder(Actor actor, String reason) {
        send(new CancelOrderCommand(state.orderId, actor, reason));
    }

    /** Marks {@code step} failed in the state and puts the order into ATTENTION for a human. */
    void flag(FailedStep step, String error) {
        state.failedStep = step;
        state.failure = error;
        log.warn("checkout of order {}: {} failed: {}", state.orderId, step, error);
        send(new FlagOrderForAttentionCommand(
                state.orderId,
                CheckoutSaga.ACTOR,
                "payment " + step.name().toLowerCase().replace('_', ' ') + " failed: " + error));
    }

    /** A refusal by the domain is logged and the step goes on (the saga's own state decides what happens next). */
    private void send(Object command) {
        StepCommands.Outcome outcome = commands.send(command);
        if (outcome.refused()) {
            log.warn(
                    "checkout of order {}: {} refused: {}",
                    state.orderId,
                    command.getClass().getSimpleName(),
                    outcome.refusal().getMessage());
        }
    }

    private static List<SkuCode> bySkuCode(List<SkuCode> skus) {
        return skus.stream().sorted(Comparator.comparing(SkuCode::value)).toList();
    }
}
