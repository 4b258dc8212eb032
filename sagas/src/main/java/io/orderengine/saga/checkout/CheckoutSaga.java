package io.orderengine.saga.checkout;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderDeliveredEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.OrderReturnedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.RejectOrderCommand;
import io.orderengine.messages.order.ResumeOrderCommand;
import io.orderengine.messages.order.ShortSku;
import io.orderengine.messages.payment.CheckoutCompensationRequestedEvent;
import io.orderengine.messages.payment.CheckoutRetryRequestedEvent;
import io.orderengine.messages.sku.CommitStockCommand;
import io.orderengine.messages.sku.ReleaseStockCommand;
import io.orderengine.messages.sku.ReserveStockCommand;
import io.orderengine.messages.sku.RestockCommand;
import io.orderengine.messages.sku.StockReservationRejectedEvent;
import io.orderengine.messages.sku.StockReservedEvent;
import io.orderengine.saga.checkout.CheckoutProgress.FailedStep;
import io.orderengine.saga.checkout.CheckoutProgress.PendingRefund;
import io.orderengine.saga.checkout.CheckoutProgress.Stage;
import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.AuthorizationRequest;
import io.orderengine.saga.payment.Capture;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.GatewayPaymentStatus;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.payment.PaymentGateway;
import io.orderengine.saga.payment.PaymentGatewayException;
import io.orderengine.saga.payment.PaymentGateways;
import io.orderengine.saga.payment.PaymentSession;
import io.orderengine.saga.payment.Refund;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The checkout of one order, from placement until it is paid and shipped (or given up). Gateway calls go through
 * {@link PaymentGateways} with idempotency keys from {@link IdempotencyKeys}; news from the gateway (the customer
 * authorized, declined, paid) reaches the saga as order events recorded by the webhook inbox.
 *
 * <table>
 *   <caption>Steps, what they send, the event that moves on, and how each is undone</caption>
 *   <tr><th>step</th><th>on</th><th>command / gateway call</th><th>success</th><th>failure → compensation</th></tr>
 *   <tr><td>reserve stock</td><td>OrderPlacedEvent</td><td>ReserveStockCommand per SKU (expiresAt = placed + payment
 *       deadline); payment deadline scheduled</td><td>StockReservedEvent for every SKU</td>
 *       <td>any StockReservationRejectedEvent → ReleaseStockCommand for what was reserved, RejectOrderCommand(short SKUs); ends</td></tr>
 *   <tr><td>authorize</td><td>every SKU reserved</td><td>gateway authorize → AwaitPaymentCommand(action)</td>
 *       <td>PaymentAuthorizedEvent (webhook or sandbox approve)</td>
 *       <td>gateway unavailable → FlagOrderForAttentionCommand, stock stays reserved until the deadline;
 *       refused → RecordPaymentFailureCommand</td></tr>
 *   <tr><td>capture</td><td>PaymentAuthorizedEvent</td><td>gateway capture; payment deadline replaced by the
 *       capture deadline (authorization expiry − margin)</td><td>ledger entry, ConfirmOrderCommand, CommitStockCommand per SKU</td>
 *       <td>unavailable → FlagOrderForAttentionCommand, last attempt at the capture deadline;
 *       refused → void, RecordPaymentFailureCommand</td></tr>
 *   <tr><td>payment failed</td><td>PaymentFailedEvent (declined, failed, cancelled)</td><td>cancel at gateway,
 *       ReleaseStockCommand per SKU, CancelOrderCommand(system checkout-saga)</td><td>ends</td>
 *       <td>gateway unavailable → FlagOrderForAttentionCommand; admin retry</td></tr>
 *   <tr><td>deadline</td><td>payment deadline / capture deadline</td><td>as payment failed</td><td>ends</td><td>as payment failed</td></tr>
 *   <tr><td>cancelled by customer/admin</td><td>OrderCancelledEvent</td><td>RestockCommand (stock committed) or
 *       ReleaseStockCommand per SKU; refund of refundDue → RecordRefundCommand, or void when not captured</td>
 *       <td>ends</td><td>gateway unavailable → FlagOrderForAttentionCommand; admin retry</td></tr>
 *   <tr><td>refund</td><td>RefundRequestedEvent</td><td>gateway refund → ledger entry, RecordRefundCommand</td>
 *       <td>stays (ends if it only came for the refund)</td><td>FlagOrderForAttentionCommand; admin retry</td></tr>
 *   <tr><td>admin</td><td>CheckoutRetryRequestedEvent / CheckoutCompensationRequestedEvent</td>
 *       <td>ResumeOrderCommand and the failed step again / the compensation of the current stage</td><td></td><td></td></tr>
 *   <tr><td>end</td><td>OrderShippedEvent, OrderDeliveredEvent, OrderReturnedEvent, OrderRejectedEvent</td><td></td><td>ends</td><td></td></tr>
 * </table>
 *
 * <p>Commands are sent through {@link StepCommands}: each is handled and stored before the step is marked done, and
 * one that could not be delivered (not refused by the domain, but e.g. the store was unreachable) fails the step,
 * so the event is handled again after a crash or a failure and the commands are re-sent. The order and stock
 * aggregates take every repeated saga command as a no-op, and gateway calls carry idempotency keys.
 */
@Saga
@ProcessingGroup(CheckoutSaga.PROCESSING_GROUP)
public class CheckoutSaga {

    /** The event processor the saga runs in. */
    public static final String PROCESSING_GROUP = "checkout-saga";
    static final String PAYMENT_DEADLINE = "checkout-payment-deadline";
    static final String CAPTURE_DEADLINE = "checkout-capture-deadline";
    static final Actor ACTOR = Actor.system("checkout-saga");
    static final String CANCELLATION_REFUND_ID = "cancellation";
    static final String COMPENSATION_REFUND_ID = "compensation";

    private static final Logger log = LoggerFactory.getLogger(CheckoutSaga.class);

    @Autowired
    private transient StepCommands commands;
    @Autowired
    private transient DeadlineManager deadlineManager;
    @Autowired
    private transient PaymentGateways paymentGateways;
    @Autowired
    private transient PaymentLedger ledger;
    @Autowired
    private transient CheckoutPolicy policy;

    private CheckoutProgress progress;

    public CheckoutProgress getProgress() {
        return progress;
    }

    public void setProgress(CheckoutProgress progress) {
        this.progress = progress;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderPlacedEvent event, @Timestamp Instant placedAt) {
        progress = new CheckoutProgress();
        progress.orderId = event.orderId().value();
        progress.orderNumber = event.orderNumber().value();
        progress.provider = event.paymentMethod();
        progress.totalMinor = event.totals().total().amountMinor();
        progress.currency = event.totals().currency();
        progress.stage = Stage.RESERVING_STOCK;
        for (OrderLine line : event.lines()) {
            progress.quantities.merge(line.sku().value(), line.quantity(), Integer::sum);
        }
        Instant expiresAt = placedAt.plus(policy.paymentDeadline());
        progress.paymentDeadlineId = deadlineManager.schedule(expiresAt, PAYMENT_DEADLINE);
        progress.quantities.forEach((sku, quantity) ->
                send(new ReserveStockCommand(new SkuCode(sku), orderId(), quantity, expiresAt)));
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(StockReservedEvent event) {
        if (progress.stage != Stage.RESERVING_STOCK || progress.reserved.contains(event.sku().value())) {
            return;
        }
        progress.reserved.add(event.sku().value());
        afterStockAnswer();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(StockReservationRejectedEvent event) {
        if (progress.stage != Stage.RESERVING_STOCK
                || progress.shortSkus.stream().anyMatch(s -> s.sku().equals(event.sku()))) {
            return;
        }
        progress.shortSkus.add(new ShortSku(event.sku(), event.requested(), event.available()));
        afterStockAnswer();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(PaymentAuthorizedEvent event, @Timestamp Instant authorizedAt) {
        if (progress.stage != Stage.AWAITING_PAYMENT && progress.stage != Stage.AUTHORIZING) {
            return;
        }
        progress.paymentReference = event.paymentReference();
        progress.stage = Stage.CAPTURING;
        if (capture() == CaptureOutcome.UNAVAILABLE) {
            scheduleCaptureDeadline(authorizedAt);
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderConfirmedEvent event) {
        progress.stage = Stage.CONFIRMED;
        progress.captureReference = event.captureReference();
        progress.capturedMinor = event.captured().amountMinor();
        cancelDeadlines();
        commitStock();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(PaymentFailedEvent event) {
        if (progress.stage == Stage.CONFIRMED || progress.stage == Stage.CANCELLED || progress.stage == Stage.REFUNDING) {
            return;
        }
        compensate(event.reason() == null ? "payment failed" : "payment failed: " + event.reason());
    }

    @DeadlineHandler(deadlineName = PAYMENT_DEADLINE)
    public void onPaymentDeadline() {
        progress.paymentDeadlineId = null;
        if (progress.stage == Stage.CONFIRMED || progress.stage == Stage.CANCELLED || progress.stage == Stage.REFUNDING) {
            return;
        }
        compensate("payment not received within " + readable(policy.paymentDeadline()));
    }

    @DeadlineHandler(deadlineName = CAPTURE_DEADLINE)
    public void onCaptureDeadline() {
        progress.captureDeadlineId = null;
        if (progress.stage != Stage.CAPTURING) {
            return;
        }
        if (capture() == CaptureOutcome.UNAVAILABLE) {
            compensate("the payment authorization expires before it could be captured");
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderCancelledEvent event) {
        if (progress.stage == Stage.CANCELLED) {
            return;
        }
        if (ACTOR.equals(event.actor()) && progress.stage != Stage.CONFIRMED) {
            SagaLifecycle.end();
            return;
        }
        cancelDeadlines();
        if (event.stockCommitted() || progress.stockCommitted) {
            progress.quantities.keySet().forEach(sku -> send(new RestockCommand(new SkuCode(sku), orderId(), "order cancelled")));
        } else {
            releaseStock("order cancelled");
        }
        boolean capturedUnknownToOrder = progress.captured() && progress.stage != Stage.CONFIRMED;
        progress.stage = Stage.CANCELLED;
        progress.failedStep = null;
        if (event.refundDue() != null && event.refundDue().amountMinor() > 0) {
            progress.pendingRefunds.add(new PendingRefund(CANCELLATION_REFUND_ID, event.refundDue().amountMinor(),
                    event.refundDue().currency()));
            refundPending(FailedStep.REFUND);
        } else if (capturedUnknownToOrder) {
            progress.pendingRefunds.add(new PendingRefund(COMPENSATION_REFUND_ID, progress.capturedMinor, progress.currency));
            refundPending(FailedStep.REFUND);
        } else if (progress.paymentReference != null && !progress.captured()) {
            voidAfterCancellation();
        }
        endWhenSettled();
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(RefundRequestedEvent event) {
        if (progress == null) {
            progress = new CheckoutProgress();
            progress.orderId = event.orderId().value();
            progress.stage = Stage.REFUNDING;
        }
        progress.provider = event.provider();
        if (event.paymentReference() != null) {
            progress.paymentReference = event.paymentReference();
        }
        boolean known = progress.pendingRefunds.stream().anyMatch(r -> r.refundId().equals(event.refundId()));
        if (!known) {
            progress.pendingRefunds.add(new PendingRefund(event.refundId(), event.amount().amountMinor(), event.amount().currency()));
        }
        refundPending(FailedStep.REFUND);
        endWhenSettled();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(CheckoutRetryRequestedEvent event, @Timestamp Instant requestedAt) {
        FailedStep step = progress.failedStep;
        if (step == null) {
            log.info("checkout of order {}: retry asked by {} but no step has failed", progress.orderId, event.actor());
            return;
        }
        progress.failedStep = null;
        progress.failure = null;
        switch (step) {
            case AUTHORIZE -> {
                send(new ResumeOrderCommand(orderId(), ACTOR, "payment set-up retried by " + event.actor()));
                authorize();
            }
            case CAPTURE -> {
                send(new ResumeOrderCommand(orderId(), ACTOR, "capture retried by " + event.actor()));
                if (capture() == CaptureOutcome.UNAVAILABLE) {
                    scheduleCaptureDeadline(requestedAt);
                }
            }
            case COMPENSATE -> compensate(progress.compensationReason);
            case CANCEL_PAYMENT, REFUND -> settleAfterCancellation();
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(CheckoutCompensationRequestedEvent event) {
        String reason = event.reason() == null ? "checkout compensated by " + event.actor() : event.reason();
        progress.failedStep = null;
        switch (progress.stage) {
            case CONFIRMED -> send(new CancelOrderCommand(orderId(), event.actor(), reason));
            case CANCELLED, REFUNDING -> settleAfterCancellation();
            default -> compensate(reason);
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderRejectedEvent event) {
        SagaLifecycle.end();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderShippedEvent event) {
        checkoutOverAfterFulfilment();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderDeliveredEvent event) {
        checkoutOverAfterFulfilment();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderReturnedEvent event) {
        checkoutOverAfterFulfilment();
    }

    /** Past shipping nothing is cancelled any more: only refunds still owed keep the saga (it ends when they are done). */
    private void checkoutOverAfterFulfilment() {
        progress.stage = Stage.REFUNDING;
        endWhenSettled();
    }

    private static String readable(Duration duration) {
        return duration.toSecondsPart() == 0 && duration.toMinutes() > 0
                ? duration.toMinutes() + " minutes"
                : duration.toSeconds() + " seconds";
    }

    private void afterStockAnswer() {
        if (!progress.everySkuAnswered()) {
            return;
        }
        if (!progress.shortSkus.isEmpty()) {
            progress.reserved.stream().sorted().forEach(sku -> send(new ReleaseStockCommand(new SkuCode(sku), orderId(),
                    "order rejected: other SKUs were short")));
            cancelDeadlines();
            send(new RejectOrderCommand(orderId(), progress.shortSkus));
            SagaLifecycle.end();
            return;
        }
        progress.stage = Stage.AUTHORIZING;
        authorize();
    }

    private void authorize() {
        Money total = new Money(progress.totalMinor, progress.currency);
        PaymentSession session;
        try {
            session = gateway().authorize(new AuthorizationRequest(orderId(), progress.orderNumber, total,
                    IdempotencyKeys.authorize(orderId())));
        } catch (PaymentGatewayException e) {
            if (e.kind() == PaymentGatewayException.Kind.UNAVAILABLE) {
                flag(FailedStep.AUTHORIZE, e.getMessage());
            } else {
                String reason = "payment could not be set up: " + e.getMessage();
                send(new RecordPaymentFailureCommand(orderId(), reason));
                compensate(reason);
            }
            return;
        }
        progress.paymentReference = session.paymentReference();
        progress.stage = Stage.AWAITING_PAYMENT;
        send(new AwaitPaymentCommand(orderId(), progress.provider, session.paymentReference(), session.action()));
    }

    /** What became of a capture attempt. */
    private enum CaptureOutcome { CAPTURED, UNAVAILABLE, REFUSED }

    /**
     * Captures the whole amount. Captured: ledger entry, confirm, commit stock. Unavailable: flagged for a human.
     * Refused by the gateway: the payment failed, so the checkout is compensated.
     */
    private CaptureOutcome capture() {
        Money total = new Money(progress.totalMinor, progress.currency);
        Capture capture;
        try {
            capture = gateway().capture(progress.paymentReference, total, IdempotencyKeys.capture(orderId()));
        } catch (PaymentGatewayException e) {
            if (e.kind() == PaymentGatewayException.Kind.UNAVAILABLE) {
                flag(FailedStep.CAPTURE, e.getMessage());
                return CaptureOutcome.UNAVAILABLE;
            }
            capture = capturedElsewhere();
            if (capture == null) {
                String reason = "payment could not be captured: " + e.getMessage();
                send(new RecordPaymentFailureCommand(orderId(), reason));
                compensate(reason);
                return CaptureOutcome.REFUSED;
            }
        }
        ledger.recordCapture(progress.provider, capture.captureReference(), orderId(), progress.paymentReference, capture.amount());
        progress.captureReference = capture.captureReference();
        progress.capturedMinor = capture.amount().amountMinor();
        cancelDeadlines();
        StepCommands.Outcome confirmed = commands.send(new ConfirmOrderCommand(orderId(), progress.provider,
                capture.captureReference(), capture.amount()));
        if (confirmed.refused()) {
            // Typically the order was cancelled while the money was taken: its OrderCancelledEvent refunds it.
            flag(FailedStep.CAPTURE, "captured " + capture.captureReference() + " but the order could not be confirmed: "
                    + confirmed.refusal().getMessage());
            return CaptureOutcome.CAPTURED;
        }
        commitStock();
        return CaptureOutcome.CAPTURED;
    }

    /** The capture the gateway already holds (e.g. reported by a webhook before the saga got here), or null. */
    private Capture capturedElsewhere() {
        try {
            GatewayPayment payment = gateway().retrieve(progress.paymentReference);
            if (payment.status() == GatewayPaymentStatus.CAPTURED && payment.captureReference() != null) {
                return new Capture(payment.captureReference(), payment.captured());
            }
        } catch (PaymentGatewayException e) {
            log.warn("checkout of order {}: could not read payment {}: {}", progress.orderId, progress.paymentReference,
                    e.getMessage());
        }
        return null;
    }

    /** The payment deadline no longer applies once the money is held: the authorization's own expiry does. */
    private void scheduleCaptureDeadline(Instant now) {
        if (progress.captureDeadlineId != null) {
            return;
        }
        Instant captureBefore = null;
        try {
            GatewayPayment payment = gateway().retrieve(progress.paymentReference);
            captureBefore = payment.captureBefore();
        } catch (PaymentGatewayException e) {
            log.warn("checkout of order {}: could not read the authorization's expiry: {}", progress.orderId, e.getMessage());
        }
        Instant lastAttempt = captureBefore != null
                ? captureBefore.minus(policy.captureMargin())
                : now.plus(policy.defaultAuthorizationValidity()).minus(policy.captureMargin());
        if (progress.paymentDeadlineId != null) {
            deadlineManager.cancelSchedule(PAYMENT_DEADLINE, progress.paymentDeadlineId);
            progress.paymentDeadlineId = null;
        }
        progress.captureDeadlineId = deadlineManager.schedule(lastAttempt, CAPTURE_DEADLINE);
    }

    /** Gives the checkout up before payment: cancel at the gateway, release stock, cancel the order, end. */
    private void compensate(String reason) {
        progress.compensationReason = reason;
        if (progress.captured()) {
            if (progress.pendingRefunds.stream().noneMatch(r -> r.refundId().equals(COMPENSATION_REFUND_ID))) {
                progress.pendingRefunds.add(new PendingRefund(COMPENSATION_REFUND_ID, progress.capturedMinor, progress.currency));
            }
            if (!refundPending(FailedStep.COMPENSATE)) {
                return;
            }
        } else if (progress.paymentReference != null && !voidPayment(FailedStep.COMPENSATE)) {
            return;
        }
        cancelDeadlines();
        if (progress.stockCommitted) {
            progress.quantities.keySet().forEach(sku -> send(new RestockCommand(new SkuCode(sku), orderId(), reason)));
        } else {
            releaseStock(reason);
        }
        send(new CancelOrderCommand(orderId(), ACTOR, reason));
        SagaLifecycle.end();
    }

    /** Refunds every pending refund; true when none is left, else the order is flagged with {@code failedStep}. */
    private boolean refundPending(FailedStep failedStep) {
        for (PendingRefund pending : new ArrayList<>(progress.pendingRefunds)) {
            Money amount = new Money(pending.amountMinor(), pending.currency());
            Refund refund;
            try {
                refund = gateway().refund(progress.paymentReference, amount,
                        IdempotencyKeys.refund(orderId(), pending.refundId()));
            } catch (PaymentGatewayException e) {
                flag(failedStep, e.getMessage());
                return false;
            }
            ledger.recordRefund(progress.provider, refund.refundReference(), orderId(), progress.paymentReference, refund.amount());
            if (!COMPENSATION_REFUND_ID.equals(pending.refundId())) {
                send(new RecordRefundCommand(orderId(), pending.refundId(), refund.refundReference(), refund.amount()));
            }
            progress.pendingRefunds.remove(pending);
        }
        return true;
    }

    /**
     * Cancels the uncaptured payment at the gateway so the customer can no longer pay it; true when done (a refusal,
     * e.g. already cancelled or declined, counts as done), false when the gateway is unavailable and the order flagged.
     */
    private boolean voidPayment(FailedStep failedStep) {
        if (progress.paymentVoided) {
            return true;
        }
        try {
            gateway().cancel(progress.paymentReference, IdempotencyKeys.cancel(orderId()));
        } catch (PaymentGatewayException e) {
            if (e.kind() == PaymentGatewayException.Kind.UNAVAILABLE) {
                flag(failedStep, e.getMessage());
                return false;
            }
            log.warn("checkout of order {}: gateway refused to cancel payment {}: {}", progress.orderId,
                    progress.paymentReference, e.getMessage());
        }
        progress.paymentVoided = true;
        return true;
    }

    private void voidAfterCancellation() {
        voidPayment(FailedStep.CANCEL_PAYMENT);
    }

    /** After a cancellation: the refunds still owed, or the void of a payment that was not captured; ends when done. */
    private void settleAfterCancellation() {
        if (refundPending(FailedStep.REFUND) && progress.paymentReference != null && !progress.captured()) {
            voidAfterCancellation();
        }
        endWhenSettled();
    }

    private void endWhenSettled() {
        boolean settled = progress.pendingRefunds.isEmpty() && progress.failedStep == null;
        boolean checkoutOver = progress.stage == Stage.CANCELLED || progress.stage == Stage.REFUNDING;
        if (settled && checkoutOver) {
            SagaLifecycle.end();
        }
    }

    /** Releases what was reserved; while answers are still missing, every SKU (a release holding nothing is a no-op). */
    private void releaseStock(String reason) {
        List<String> skus = progress.stage == Stage.RESERVING_STOCK
                ? new ArrayList<>(progress.quantities.keySet())
                : progress.reserved;
        skus.stream().sorted().forEach(sku -> send(new ReleaseStockCommand(new SkuCode(sku), orderId(), reason)));
    }

    private void commitStock() {
        if (progress.stockCommitted) {
            return;
        }
        progress.stockCommitted = true;
        progress.quantities.keySet().forEach(sku -> send(new CommitStockCommand(new SkuCode(sku), orderId())));
    }

    private void cancelDeadlines() {
        if (progress.paymentDeadlineId != null) {
            deadlineManager.cancelSchedule(PAYMENT_DEADLINE, progress.paymentDeadlineId);
            progress.paymentDeadlineId = null;
        }
        if (progress.captureDeadlineId != null) {
            deadlineManager.cancelSchedule(CAPTURE_DEADLINE, progress.captureDeadlineId);
            progress.captureDeadlineId = null;
        }
    }

    private void flag(FailedStep step, String error) {
        progress.failedStep = step;
        progress.failure = error;
        log.warn("checkout of order {}: {} failed: {}", progress.orderId, step, error);
        send(new FlagOrderForAttentionCommand(orderId(), ACTOR,
                "payment " + step.name().toLowerCase().replace('_', ' ') + " failed: " + error));
    }

    private PaymentGateway gateway() {
        return paymentGateways.gateway(progress.provider);
    }

    private OrderId orderId() {
        return new OrderId(progress.orderId);
    }

    /**
     * Sends a command and waits until its events are stored. A refusal by the domain is logged and the step goes on
     * (the saga's own state decides what happens next); a command that could not be delivered throws, so this event
     * or deadline is handled again.
     */
    private void send(Object command) {
        StepCommands.Outcome outcome = commands.send(command);
        if (outcome.refused()) {
            log.warn("checkout of order {}: {} refused: {}", progress.orderId, command.getClass().getSimpleName(),
                    outcome.refusal().getMessage());
        }
    }
}
