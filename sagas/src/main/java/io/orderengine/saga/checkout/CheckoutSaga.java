package io.orderengine.saga.checkout;

import static io.orderengine.saga.checkout.CheckoutSteps.CHECKOUT;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonSetter;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderDeliveredEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.OrderReturnedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.ReplacedPaymentAuthorizedEvent;
import io.orderengine.messages.order.ShortSku;
import io.orderengine.messages.payment.CheckoutCompensationRequestedEvent;
import io.orderengine.messages.payment.CheckoutRetryRequestedEvent;
import io.orderengine.messages.sku.StockReservationRejectedEvent;
import io.orderengine.messages.sku.StockReservedEvent;
import io.orderengine.saga.checkout.CheckoutProgress.FailedStep;
import io.orderengine.saga.checkout.CheckoutProgress.Stage;
import io.orderengine.saga.checkout.CheckoutSteps.StepName;
import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.payment.PaymentParticipant;
import io.orderengine.saga.payment.PaymentReply.AuthorizationRefused;
import io.orderengine.saga.payment.PaymentReply.AuthorizationUnavailable;
import io.orderengine.saga.payment.PaymentReply.Authorized;
import io.orderengine.saga.payment.PaymentReply.CaptureRefused;
import io.orderengine.saga.payment.PaymentReply.CaptureUnavailable;
import io.orderengine.saga.payment.PaymentReply.Captured;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The checkout of one order, from placement until it is paid and shipped (or given up). Orchestration only: its
 * steps, the replies and events that move them on and their compensations are the table in {@link CheckoutSteps}
 * (read that first); everything that talks to a payment provider or the ledger is the {@link PaymentParticipant}'s.
 * Gateway news reaches the saga as order events recorded by the webhook inbox. A step whose command could not be
 * delivered runs again, and an event may be handled again after a crash: aggregates take a repeated saga command as
 * a no-op, gateway calls carry idempotency keys, and a handler ignores an event its stage has passed.
 * <p>Stored as JSON through its fields: {@code state}, or {@code progress} for a saga stored before
 * {@link CheckoutState} (read by {@link #setProgress}).
 */
@Saga
@ProcessingGroup(CheckoutSaga.PROCESSING_GROUP)
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public class CheckoutSaga {

    /** The event processor the saga runs in. */
    public static final String PROCESSING_GROUP = "checkout-saga";

    static final String PAYMENT_DEADLINE = CheckoutDeadlines.PAYMENT;
    static final String CAPTURE_DEADLINE = CheckoutDeadlines.CAPTURE;
    static final Actor ACTOR = Actor.system("checkout-saga");
    static final String CANCELLATION_REFUND_ID = "cancellation";
    static final String COMPENSATION_REFUND_ID = "compensation";

    private static final Logger log = LoggerFactory.getLogger(CheckoutSaga.class);

    @Autowired
    private transient StepCommands stepCommands;

    @Autowired
    private transient DeadlineManager deadlineManager;

    @Autowired
    private transient PaymentParticipant payments;

    @Autowired
    private transient CheckoutPolicy policy;

    private CheckoutState state;

    /** The state in the engine's types. */
    public CheckoutState state() {
        return state;
    }

    /** A copy of the state in the shape the operations console reads (and sagas were stored in before). */
    public CheckoutProgress getProgress() {
        return state == null ? null : state.toProgress();
    }

    /** Takes the state of a saga stored as a {@link CheckoutProgress} (by the version before {@link CheckoutState}). */
    @JsonSetter("progress")
    public void setProgress(CheckoutProgress progress) {
        this.state = progress == null ? null : CheckoutState.restoredFrom(progress);
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderPlacedEvent event, @Timestamp Instant placedAt) {
        if (state != null) {
            return; // handled again after a crash (tokens are stored after the saga): placed once is enough
        }
        state = CheckoutState.placed(event);
        commands().reserveStock(deadlines().schedulePayment(placedAt));
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(StockReservedEvent event) {
        if (!CHECKOUT.accepts(StockReservedEvent.class, state.stage) || state.reserved.contains(event.sku())) {
            return;
        }
        state.reserved.add(event.sku());
        afterStockAnswer();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(StockReservationRejectedEvent event) {
        if (!CHECKOUT.accepts(StockReservationRejectedEvent.class, state.stage)
                || state.shortSkus.stream().anyMatch(s -> s.sku().equals(event.sku()))) {
            return;
        }
        state.shortSkus.add(new ShortSku(event.sku(), event.requested(), event.available()));
        afterStockAnswer();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(PaymentAuthorizedEvent event, @Timestamp Instant authorizedAt) {
        if (!CHECKOUT.accepts(PaymentAuthorizedEvent.class, state.stage)) {
            return;
        }
        state.paymentReference = event.paymentReference();
        state.stage = Stage.CAPTURING;
        if (CHECKOUT.invoke(StepName.CAPTURE_PAYMENT, this, payments) instanceof CaptureUnavailable) {
            scheduleCaptureDeadline(authorizedAt);
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderConfirmedEvent event) {
        state.stage = Stage.CONFIRMED;
        state.captureReference = event.captureReference();
        state.captured = event.captured();
        deadlines().cancelAll();
        commands().commitStock();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(PaymentFailedEvent event) {
        if (CHECKOUT.accepts(PaymentFailedEvent.class, state.stage)) {
            paymentFailed(event.reason() == null ? "payment failed" : "payment failed: " + event.reason(), false);
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(PaymentAttemptStartedEvent event) {
        if (new PaymentAttempts(policy, state).start(event)) {
            CHECKOUT.invoke(StepName.AUTHORIZE_PAYMENT, this, payments);
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderEditedEvent event, @Timestamp Instant editedAt) {
        if (edits().take(event, editedAt)) {
            CHECKOUT.invoke(StepName.AUTHORIZE_PAYMENT, this, payments);
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(ReplacedPaymentAuthorizedEvent event) {
        edits().cancelReplaced(event);
    }

    @DeadlineHandler(deadlineName = PAYMENT_DEADLINE)
    public void onPaymentDeadline(@MetaDataValue(CheckoutDeadlines.SCHEDULE_ID) String scheduleId) {
        if (deadlines().paymentFell(scheduleId) && CHECKOUT.accepts(PAYMENT_DEADLINE, state.stage)) {
            compensate(deadlines().paymentMissed());
        }
    }

    @DeadlineHandler(deadlineName = CAPTURE_DEADLINE)
    public void onCaptureDeadline(@MetaDataValue(CheckoutDeadlines.SCHEDULE_ID) String scheduleId) {
        if (deadlines().captureFell(scheduleId)
                && CHECKOUT.accepts(CAPTURE_DEADLINE, state.stage)
                && CHECKOUT.invoke(StepName.CAPTURE_PAYMENT, this, payments) instanceof CaptureUnavailable) {
            compensate("the payment authorization expires before it could be captured");
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderCancelledEvent event) {
        if (!CHECKOUT.accepts(OrderCancelledEvent.class, state.stage)) {
            return;
        }
        if (ACTOR.equals(event.actor()) && state.stage != Stage.CONFIRMED) {
            SagaLifecycle.end();
            return;
        }
        deadlines().cancelAll();
        commands().returnStock(event.stockCommitted() || state.stockCommitted, "order cancelled");
        boolean capturedUnknownToOrder = state.captured() && state.stage != Stage.CONFIRMED;
        state.stage = Stage.CANCELLED;
        state.failedStep = null;
        settlement().afterCancellation(event.refundDue(), capturedUnknownToOrder);
        endWhenSettled();
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    public void on(RefundRequestedEvent event) {
        if (state == null) {
            state = CheckoutState.startedBy(event.orderId(), Stage.REFUNDING);
        }
        settlement().refundRequested(event);
        endWhenSettled();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(CheckoutRetryRequestedEvent event, @Timestamp Instant requestedAt) {
        FailedStep step = state.failedStep;
        if (step == null) {
            log.info("checkout of order {}: retry asked by {} but no step has failed", state.orderId, event.actor());
            return;
        }
        state.clearFailure();
        switch (step) {
            case AUTHORIZE -> {
                commands().resumeOrder("payment set-up retried by " + event.actor());
                CHECKOUT.invoke(StepName.AUTHORIZE_PAYMENT, this, payments);
            }
            case CAPTURE -> {
                commands().resumeOrder("capture retried by " + event.actor());
                if (CHECKOUT.invoke(StepName.CAPTURE_PAYMENT, this, payments) instanceof CaptureUnavailable) {
                    scheduleCaptureDeadline(requestedAt);
                }
            }
            case COMPENSATE -> compensate(state.compensationReason);
            case CANCEL_PAYMENT, REFUND -> settleAfterCancellation();
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(CheckoutCompensationRequestedEvent event) {
        String reason = event.reason() == null ? "checkout compensated by " + event.actor() : event.reason();
        state.failedStep = null;
        switch (state.stage) {
            case CONFIRMED -> commands().cancelOrder(event.actor(), reason);
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

    // Steps of the table (CheckoutSteps): requests, replies and compensations.

    void awaitPayment(Authorized reply) {
        state.paymentReference = reply.session().paymentReference();
        state.stage = Stage.AWAITING_PAYMENT;
        state.paymentAwaited = true;
        commands().awaitPayment(reply.session());
    }

    void authorizationUnavailable(AuthorizationUnavailable reply) {
        commands().flag(FailedStep.AUTHORIZE, reply.reason());
    }

    void authorizationRefused(AuthorizationRefused reply) {
        paymentFailed("payment could not be set up: " + reply.reason(), true);
    }

    /** The money is taken (and in the ledger): confirm the order and commit its stock. */
    void confirm(Captured reply) {
        state.captureReference = reply.capture().captureReference();
        state.captured = reply.capture().amount();
        deadlines().cancelAll();
        commands().confirmOrderAndCommitStock();
    }

    void captureUnavailable(CaptureUnavailable reply) {
        commands().flag(FailedStep.CAPTURE, reply.reason());
    }

    void captureRefused(CaptureRefused reply) {
        paymentFailed("payment could not be captured: " + reply.reason(), true);
    }

    /** Compensation of the reservation: drop the deadlines, release the stock (or restock what was committed). */
    boolean releaseReservedStock() {
        deadlines().cancelAll();
        commands().returnStock(state.stockCommitted, state.compensationReason);
        return true;
    }

    private void afterStockAnswer() {
        if (!state.everySkuAnswered()) {
            return;
        }
        if (!state.shortSkus.isEmpty()) {
            commands().releaseReservedStock("order rejected: other SKUs were short");
            deadlines().cancelAll();
            commands().rejectOrder();
            SagaLifecycle.end();
            return;
        }
        state.stage = Stage.AUTHORIZING;
        CHECKOUT.invoke(StepName.AUTHORIZE_PAYMENT, this, payments);
    }

    /** A failed payment (recorded on the order here when the saga learnt it first): another attempt, or give up. */
    private void paymentFailed(String reason, boolean record) {
        if (record) {
            commands().recordPaymentFailure(reason);
        }
        if (!new PaymentAttempts(policy, state).waitForAnother()) {
            compensate(reason);
        }
    }

    /** Gives the checkout up before payment: every step's compensation, last first, then cancel the order and end. */
    private void compensate(String reason) {
        state.compensationReason = reason;
        if (!CHECKOUT.compensate(this)) {
            return;
        }
        commands().cancelOrder(ACTOR, reason);
        SagaLifecycle.end();
    }

    /** Past shipping nothing is cancelled any more: only refunds still owed keep the saga (it ends when they are done). */
    private void checkoutOverAfterFulfilment() {
        state.stage = Stage.REFUNDING;
        endWhenSettled();
    }

    private void scheduleCaptureDeadline(Instant now) {
        deadlines().scheduleLastCapture(now, () -> payments.captureBefore(state.provider, state.paymentReference));
    }

    private void settleAfterCancellation() {
        settlement().finishAfterCancellation();
        endWhenSettled();
    }

    private void endWhenSettled() {
        boolean settled = state.owedRefunds.isEmpty() && state.failedStep == null;
        boolean checkoutOver = state.stage == Stage.CANCELLED || state.stage == Stage.REFUNDING;
        if (settled && checkoutOver) {
            SagaLifecycle.end();
        }
    }

    private CheckoutCommands commands() {
        return new CheckoutCommands(stepCommands, state);
    }

    PaymentSettlement settlement() {
        return new PaymentSettlement(payments, commands(), state);
    }

    private CheckoutEdits edits() {
        return new CheckoutEdits(payments, deadlines(), state);
    }

    private CheckoutDeadlines deadlines() {
        return new CheckoutDeadlines(deadlineManager, policy, state);
    }
}
