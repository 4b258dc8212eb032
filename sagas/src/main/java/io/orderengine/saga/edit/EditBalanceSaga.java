package io.orderengine.saga.edit;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.AwaitEditBalanceCommand;
import io.orderengine.messages.order.EditBalanceAuthorizedEvent;
import io.orderengine.messages.order.EditBalancePaidEvent;
import io.orderengine.messages.order.EditBalancePaidLateEvent;
import io.orderengine.messages.order.EditBalanceRequestedEvent;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RecordEditBalanceCaptureCommand;
import io.orderengine.messages.order.RollBackOrderEditCommand;
import io.orderengine.messages.sku.AdjustOrderStockCommand;
import io.orderengine.saga.checkout.CheckoutPolicy;
import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.payment.PaymentParticipant;
import io.orderengine.saga.payment.PaymentReply;
import io.orderengine.saga.payment.PaymentReply.AuthorizationRefused;
import io.orderengine.saga.payment.PaymentReply.Authorized;
import io.orderengine.saga.payment.PaymentReply.CaptureRefused;
import io.orderengine.saga.payment.PaymentReply.Captured;
import io.orderengine.saga.payment.PaymentReply.RefundFailed;
import io.orderengine.saga.payment.PaymentRequest.AuthorizePayment;
import io.orderengine.saga.payment.PaymentRequest.CapturePayment;
import io.orderengine.saga.payment.PaymentRequest.RefundPayment;
import io.orderengine.saga.payment.PaymentRequest.VoidPayment;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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

/**
 * Collects the balance of one order edit that raised a paid order's total. Its steps:
 *
 * <table>
 *   <caption>steps</caption>
 *   <tr><th>event</th><th>step</th><th>next</th></tr>
 *   <tr><td>{@code EditBalanceRequestedEvent}</td><td>a payment for the difference at the order's gateway (key
 *       {@code <orderId>:balance:<editId>:authorize}), recorded in {@link BalancePayments}; the payment deadline
 *       (as for a first payment: {@code engine.checkout.payment-deadline})</td><td>{@code AwaitEditBalanceCommand}:
 *       the order shows the payment action</td></tr>
 *   <tr><td>{@code EditBalanceAuthorizedEvent} (the inbox routed the gateway's news here)</td><td>capture (key
 *       {@code …:capture})</td><td>{@code RecordEditBalanceCaptureCommand}</td></tr>
 *   <tr><td>{@code EditBalancePaidEvent}</td><td>drop the deadline</td><td>end</td></tr>
 *   <tr><td>the deadline; a refused payment set-up or capture</td><td>{@code RollBackOrderEditCommand}</td>
 *       <td>wait for the rollback; when the order refuses it (something shipped meanwhile), flag the order for a
 *       human, void the balance payment and end</td></tr>
 *   <tr><td>{@code OrderEditRolledBackEvent}</td><td>the edit's stock back ({@code AdjustOrderStockCommand}, change
 *       {@code <editId>:rollback}); void the balance payment (key {@code …:cancel})</td><td>end</td></tr>
 *   <tr><td>{@code OrderCancelledEvent} while waiting</td><td>void the balance payment</td><td>end</td></tr>
 *   <tr><td>{@code EditBalancePaidLateEvent} (captured after the rollback)</td><td>refund it (refund id
 *       {@code balance-<editId>}); a failed refund flags the order</td><td>end</td></tr>
 * </table>
 *
 * A gateway that is unavailable while setting up or capturing leaves the balance to the deadline. Every command is a
 * no-op when repeated, every gateway call carries the edit's key, so an event handled again changes nothing.
 */
@Saga
@ProcessingGroup(EditBalanceSaga.PROCESSING_GROUP)
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE)
public class EditBalanceSaga {

    /** The event processor the saga runs in. */
    public static final String PROCESSING_GROUP = "edit-balances";

    static final String DEADLINE = "edit-balance-deadline";
    static final Actor ACTOR = Actor.system("edit-balance-saga");

    private static final Logger log = LoggerFactory.getLogger(EditBalanceSaga.class);

    /** Where the balance is. */
    enum Stage {
        AWAITING_PAYMENT,
        /** Captured: the order records it (the deadline no longer rolls the edit back). */
        CAPTURED,
        ROLLING_BACK
    }

    @Autowired
    private transient StepCommands commands;

    @Autowired
    private transient PaymentParticipant payments;

    @Autowired
    private transient DeadlineManager deadlineManager;

    @Autowired
    private transient CheckoutPolicy policy;

    @Autowired
    private transient BalancePayments balancePayments;

    private OrderId orderId;
    private String editId;
    private PaymentMethod provider;
    private Money amount;
    private String paymentReference;
    private String deadlineId;
    private Stage stage;

    @StartSaga
    @SagaEventHandler(associationProperty = "editId")
    public void on(EditBalanceRequestedEvent event, @Timestamp Instant requestedAt) {
        if (stage != null) {
            return; // handled again after a crash: the payment was set up under the same key
        }
        orderId = event.orderId();
        editId = event.editId();
        provider = event.provider();
        amount = event.amount();
        stage = Stage.AWAITING_PAYMENT;
        SagaLifecycle.associateWith("orderId", orderId.value());
        deadlineId = deadlineManager.schedule(requestedAt.plus(policy.paymentDeadline()), DEADLINE);
        PaymentReply reply = payments.authorize(
                new AuthorizePayment(orderId, event.orderNumber(), provider, amount), key("authorize"));
        if (reply instanceof Authorized authorized) {
            paymentReference = authorized.session().paymentReference();
            balancePayments.remember(paymentReference, orderId, editId);
            commands.send(new AwaitEditBalanceCommand(
                    orderId,
                    editId,
                    provider,
                    paymentReference,
                    authorized.session().action()));
        } else if (reply instanceof AuthorizationRefused refused) {
            rollBack("the balance payment could not be set up: " + refused.reason());
        } else {
            log.warn("edit {} of order {}: balance payment not set up yet, the deadline decides", editId, orderId);
        }
    }

    @SagaEventHandler(associationProperty = "editId")
    public void on(EditBalanceAuthorizedEvent event) {
        if (stage != Stage.AWAITING_PAYMENT) {
            return;
        }
        paymentReference = event.paymentReference();
        PaymentReply reply =
                payments.capture(new CapturePayment(orderId, provider, paymentReference, amount), key("capture"));
        if (reply instanceof Captured captured) {
            commands.send(new RecordEditBalanceCaptureCommand(
                    orderId,
                    editId,
                    provider,
                    paymentReference,
                    captured.capture().captureReference(),
                    captured.capture().amount()));
            stage = Stage.CAPTURED;
        } else if (reply instanceof CaptureRefused refused) {
            rollBack("the balance payment could not be captured: " + refused.reason());
        }
    }

    @SagaEventHandler(associationProperty = "editId")
    public void on(EditBalancePaidEvent event) {
        cancelDeadline();
        SagaLifecycle.end();
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    public void onDeadline() {
        deadlineId = null;
        if (stage == Stage.AWAITING_PAYMENT) {
            rollBack("balance not paid within " + minutes(policy.paymentDeadline()));
        }
    }

    /** The edit is undone: its stock goes back the way it came, and the balance can no longer be paid. */
    @SagaEventHandler(associationProperty = "editId")
    public void on(OrderEditRolledBackEvent event) {
        cancelDeadline();
        event.editedLines().stream()
                .filter(line -> line.stockDelta() != 0)
                .sorted(Comparator.comparing(line -> line.sku().value()))
                .forEach(line -> adjustStock(event, line));
        voidPayment();
        SagaLifecycle.end();
    }

    @SagaEventHandler(associationProperty = "orderId")
    public void on(OrderCancelledEvent event) {
        if (stage != Stage.AWAITING_PAYMENT && stage != Stage.ROLLING_BACK) {
            return;
        }
        cancelDeadline();
        voidPayment();
        SagaLifecycle.end();
    }

    /** Money for a balance that is no longer owed: given back. */
    @StartSaga
    @SagaEventHandler(associationProperty = "editId")
    public void on(EditBalancePaidLateEvent event) {
        cancelDeadline();
        PaymentReply reply = payments.refund(new RefundPayment(
                event.orderId(),
                event.provider(),
                event.paymentReference(),
                lateRefundId(event.editId()),
                event.amount()));
        if (reply instanceof RefundFailed failed) {
            commands.send(new FlagOrderForAttentionCommand(
                    event.orderId(),
                    ACTOR,
                    "the balance of edit " + event.editId() + " (" + event.amount()
                            + ") was paid after the edit was undone and could not be refunded: " + failed.reason()));
        }
        SagaLifecycle.end();
    }

    /** The engine's refund id of a balance paid late. */
    public static String lateRefundId(String editId) {
        return "balance-" + editId;
    }

    /** Asks the order to undo the edit; one that can no longer be undone (it shipped meanwhile) goes to a human. */
    private void rollBack(String reason) {
        stage = Stage.ROLLING_BACK;
        StepCommands.Outcome outcome = commands.send(new RollBackOrderEditCommand(orderId, editId, reason, ACTOR));
        if (outcome.refused()) {
            commands.send(new FlagOrderForAttentionCommand(
                    orderId,
                    ACTOR,
                    "edit " + editId + " could not be rolled back (" + reason + "): "
                            + outcome.refusal().getMessage()));
            cancelDeadline();
            voidPayment();
            SagaLifecycle.end();
        }
    }

    private void adjustStock(OrderEditRolledBackEvent event, EditedLine line) {
        StepCommands.Outcome outcome = commands.send(new AdjustOrderStockCommand(
                line.sku(),
                event.orderId(),
                event.editId() + ":rollback",
                line.stockDelta(),
                true,
                "order edit " + event.editId() + " rolled back"));
        if (outcome.refused()) {
            log.warn(
                    "edit {} of order {}: stock of {} not given back: {}",
                    editId,
                    orderId,
                    line.sku(),
                    outcome.refusal().getMessage());
        }
    }

    private void voidPayment() {
        if (paymentReference != null) {
            payments.cancel(new VoidPayment(orderId, provider, paymentReference), key("cancel"));
        }
    }

    private void cancelDeadline() {
        if (deadlineId != null) {
            deadlineManager.cancelSchedule(DEADLINE, deadlineId);
            deadlineId = null;
        }
    }

    private String key(String step) {
        return IdempotencyKeys.balance(orderId, editId, step);
    }

    private static String minutes(Duration deadline) {
        return deadline.toSecondsPart() == 0 && deadline.toMinutes() > 0
                ? deadline.toMinutes() + " minutes"
                : deadline.toSeconds() + " seconds";
    }
}
