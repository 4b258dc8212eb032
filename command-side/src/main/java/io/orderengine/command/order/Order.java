package io.orderengine.command.order;

import static io.orderengine.messages.order.OrderStatus.ATTENTION;
import static io.orderengine.messages.order.OrderStatus.AWAITING_PAYMENT;
import static io.orderengine.messages.order.OrderStatus.CANCELLED;
import static io.orderengine.messages.order.OrderStatus.CONFIRMED;
import static io.orderengine.messages.order.OrderStatus.DELIVERED;
import static io.orderengine.messages.order.OrderStatus.PARTIALLY_RETURNED;
import static io.orderengine.messages.order.OrderStatus.PARTIALLY_SHIPPED;
import static io.orderengine.messages.order.OrderStatus.PROCESSING;
import static io.orderengine.messages.order.OrderStatus.REJECTED;
import static io.orderengine.messages.order.OrderStatus.RETURNED;
import static io.orderengine.messages.order.OrderStatus.SHIPPED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderengine.command.pricing.PricingPolicy;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.*;
import java.util.*;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.serialization.Revision;

/**
 * An order, from placement to its end, and the money paid for it. Status moves follow {@link OrderTransitions};
 * an illegal move throws {@link IllegalOrderTransitionException} naming the current status. Commands the checkout
 * saga sends are idempotent: repeating a step that was already applied changes nothing. Whether the caller may act
 * on this order at all (ownership) is checked by the API, not here. The rules live in package-private helpers the
 * handlers call: {@link OrderPlacement}, {@link PaymentTransitions}, {@link FulfilmentSteps} and the
 * entities {@link Refunds} (money back), {@link Fulfilment} (shipments), {@link Returns}, {@link OrderEdits} and
 * {@link PaymentReplacements} (payments unpaid edits replaced).
 *
 * <p>State lives in plain fields so that a Jackson serializer with field visibility can snapshot it; the no-argument
 * constructor is for event sourcing and snapshot loading. The revision rises when that state changes shape, so
 * that older snapshots are passed over (entities for edits and refunds: 2; edit balances, return owners: 3; payments
 * replaced by unpaid edits, refund parts, stock holds: 4).
 */
@Revision("4")
public class Order {

    /** Who the order's events name when the checkout saga moved it. */
    public static final Actor CHECKOUT = Actor.system("checkout-saga");

    @AggregateIdentifier
    private OrderId orderId;

    private OrderStatus status;
    /** The status before ATTENTION, where a resume returns to; null outside ATTENTION. */
    private OrderStatus resumeStatus;

    private PaymentStatus paymentStatus;
    /** The payment attempt under way, from 1 (0 in snapshots taken before attempts were counted). */
    private int paymentAttempt;

    private String currency;
    private PaymentMethod provider;
    private String paymentReference;
    private String captureReference;
    /** The order was paid at some point, so its stock was committed. */
    private boolean confirmed;

    /** Captured, refunded and refunds in flight. */
    @AggregateMember
    private Refunds refunds;

    /** Shipments and deliveries. */
    @AggregateMember
    private Fulfilment fulfilment;
    /** Edits before shipping and the order's version. */
    @AggregateMember
    private OrderEdits edits;
    /** Returns; null in snapshots taken before returns were tracked. */
    @AggregateMember
    private Returns returns;
    /** Payments that unpaid edits replaced. */
    @AggregateMember
    private PaymentReplacements payments;

    protected Order() {}

    /**
     * Places the order: checks the line snapshots, prices them with the shop's policy and records the order as
     * PENDING. Placing an order id a second time fails in the event store.
     */
    @CommandHandler
    public Order(PlaceOrderCommand command, PricingPolicy pricing) {
        OrderPlacement.requireLinesIn(command);
        apply(OrderPlacement.placed(command, OrderPlacement.quote(command, pricing)));
    }

    /** Stock could not be reserved. Re-sent after the order was rejected, it changes nothing. */
    @CommandHandler
    public void handle(RejectOrderCommand command) {
        if (status == REJECTED) {
            return;
        }
        OrderTransitions.requireAllowed(status, resumeStatus, REJECTED);
        apply(new OrderRejectedEvent(
                orderId, status, command.shortSkus(), CHECKOUT, OrderPlacement.rejectionNote(command)));
    }

    /**
     * The payment is set up at the gateway. Re-sent with the payment reference already recorded, it changes nothing.
     * A client secret in the action is dropped: it never goes into an event.
     */
    @CommandHandler
    public void handle(AwaitPaymentCommand command) {
        if (paymentReference != null && paymentReference.equals(command.paymentReference())) {
            return;
        }
        int attempt = Math.max(1, paymentAttempt);
        apply(PaymentTransitions.awaiting(
                orderId, status, resumeStatus, attempt, payments.replacementDue(), provider, command, CHECKOUT));
    }

    /** Another payment after a failed one; answers the new attempt's number (rules: {@link PaymentTransitions}). */
    @CommandHandler
    public int handle(StartPaymentAttemptCommand command, PaymentAttemptPolicy attempts) {
        apply(PaymentTransitions.nextAttempt(orderId, status, paymentStatus, paymentAttempt, command, attempts));
        return paymentAttempt;
    }

    /**
     * The gateway holds the money. A payment an unpaid edit replaced does not pay the order ({@link
     * PaymentReplacements}); otherwise changes nothing once the payment is authorized or further.
     */
    @CommandHandler
    public void handle(RecordPaymentAuthorizationCommand command) {
        if (payments.replaced(command.paymentReference())) {
            payments.authorizedReplaced(orderId, provider, command).ifPresent(AggregateLifecycle::apply);
        } else if (PaymentTransitions.awaitsAuthorization(paymentStatus)) {
            apply(PaymentTransitions.authorized(orderId, provider, currency, command));
        }
    }

    /** The payment failed (not one an edit replaced). Changes nothing when already recorded; refused once captured. */
    @CommandHandler
    public void handle(RecordPaymentFailureCommand command) {
        if (!payments.replaced(command.paymentReference()) && PaymentTransitions.failureToRecord(paymentStatus)) {
            apply(new PaymentFailedEvent(orderId, command.reason()));
        }
    }

    /** The payment was captured. Changes nothing once the order was confirmed, whatever happened since. */
    @CommandHandler
    public void handle(ConfirmOrderCommand command) {
        if (!confirmed) {
            apply(PaymentTransitions.confirmed(orderId, status, resumeStatus, provider, currency, command, CHECKOUT));
        }
    }

    /**
     * Cancels the order if the actor's kind may in the current status ({@link OrderTransitions}); the event says what
     * must be refunded, whether the stock was committed, and whose words its reason is. An engine's repeat is a no-op.
     */
    @CommandHandler
    public void handle(CancelOrderCommand command) {
        if (status == CANCELLED && command.actor().isSystem()) {
            return;
        }
        OrderTransitions.requireCancellable(command.actor(), status, resumeStatus);
        Actor by = command.actor();
        apply(new OrderCancelledEvent(
                orderId, status, by, command.reason(), refunds.due(), confirmed, edits.ownerIf(by)));
    }

    /** The order needs a human. Changes nothing when it already waits for one; refused once the order has ended. */
    @CommandHandler
    public void handle(FlagOrderForAttentionCommand command) {
        if (status == ATTENTION) {
            return;
        }
        OrderTransitions.requireAllowed(status, resumeStatus, ATTENTION);
        apply(new OrderFlaggedForAttentionEvent(orderId, status, actorOrEngine(command.actor()), command.reason()));
    }

    /** Back to the status the order had before ATTENTION. From the engine, changes nothing outside ATTENTION. */
    @CommandHandler
    public void handle(ResumeOrderCommand command) {
        Actor actor = actorOrEngine(command.actor());
        if (status != ATTENTION) {
            if (actor.isSystem()) {
                return;
            }
            throw IllegalOrderTransitionException.notInAttention(status);
        }
        apply(new OrderResumedEvent(orderId, ATTENTION, resumeStatus, actor, command.note()));
    }

    /** An admin moves the paid order through fulfilment: PROCESSING, SHIPPED, DELIVERED or RETURNED. */
    @CommandHandler
    public void handle(ChangeFulfilmentStatusCommand command) {
        FulfilmentSteps.requireFulfilmentTarget(command.target());
        OrderTransitions.requireAllowed(status, resumeStatus, command.target());
        FulfilmentSteps.events(orderId, status, fulfilment, command).forEach(AggregateLifecycle::apply);
    }

    /** Ships some of the units left in one parcel (rules: {@link Fulfilment}); answers the shipment recorded. */
    @CommandHandler
    public ShipmentReceipt handle(ShipItemsCommand command) {
        fulfilment.ship(orderId, status, resumeStatus, command).forEach(AggregateLifecycle::apply);
        return fulfilment.receipt(fulfilment.lastShipmentId());
    }

    /** A shipment arrived; repeated, it changes nothing. The last one to arrive makes the order DELIVERED. */
    @CommandHandler
    public void handle(MarkShipmentDeliveredCommand command) {
        fulfilment.deliver(orderId, status, resumeStatus, command).forEach(AggregateLifecycle::apply);
    }

    /**
     * Asks for money back: {@code amount} null means all that is left. Never more than captured − refunded − refunds
     * already asked for. A refund id asked for before changes nothing, so a retried request cannot refund twice.
     */
    @CommandHandler
    public void handle(RequestRefundCommand command) {
        refunds.request(orderId, provider, paymentReference, command).ifPresent(AggregateLifecycle::apply);
    }

    /**
     * The gateway gave money back. A refund reference already recorded changes nothing; a refund of more than was
     * captured and not yet refunded is refused.
     */
    @CommandHandler
    public void handle(RecordRefundCommand command) {
        refunds.record(orderId, command).ifPresent(refund -> {
            apply(refund);
            if (returns != null) {
                returns.refunded(orderId, refund).ifPresent(AggregateLifecycle::apply);
            }
        });
    }

    /** Asks to send shipped units back (rules: {@link Returns}); answers the new return's id. */
    @CommandHandler
    public String handle(RequestReturnCommand command, ReturnPolicy policy) {
        apply(returns().request(returnContext(), fulfilment, policy, command));
        return returns.lastReturnId();
    }

    /** The shop received a return: a refund request for the saga, and the order moves. */
    @CommandHandler
    public void handle(ReceiveReturnCommand command) {
        returns().receive(returnContext(), refunds, command).forEach(AggregateLifecycle::apply);
    }

    /** An admin's "RETURNED": everything shipped comes back through returns, restocked as the command says. */
    @CommandHandler
    public void handle(ReturnEverythingCommand command) {
        returns().everything(returnContext(), fulfilment, refunds, command).forEach(AggregateLifecycle::apply);
    }

    @CommandHandler
    public void handle(AddAdminNoteCommand command) {
        apply(new AdminNoteAddedEvent(orderId, command.actor(), command.note()));
    }

    private static Actor actorOrEngine(Actor actor) {
        return actor == null ? CHECKOUT : actor;
    }

    private Returns returns() {
        if (returns == null || fulfilment == null) {
            throw ReturnRefusedException.notTracked();
        }
        return returns;
    }

    private Returns.OrderState returnContext() {
        return new Returns.OrderState(orderId, status, resumeStatus, provider, paymentReference);
    }

    private void moveTo(OrderStatus next) {
        status = next;
        resumeStatus = null;
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        status = OrderStatus.PENDING;
        resumeStatus = null;
        paymentStatus = PaymentStatus.PENDING;
        paymentAttempt = 1;
        currency = event.totals().currency();
        provider = event.paymentMethod();
        confirmed = false;
        refunds = new Refunds(currency);
        fulfilment = new Fulfilment(event.lines());
        edits = new OrderEdits(event);
        returns = new Returns(event.lines(), event.totals(), event.customer());
        payments = PaymentReplacements.none();
    }

    @EventSourcingHandler
    void on(OrderRejectedEvent event) {
        moveTo(REJECTED);
    }

    @EventSourcingHandler
    void on(OrderAwaitingPaymentEvent event) {
        moveTo(AWAITING_PAYMENT);
        provider = event.provider();
        paymentReference = event.paymentReference();
    }

    @EventSourcingHandler
    void on(PaymentAuthorizedEvent event) {
        paymentStatus = PaymentStatus.AUTHORIZED;
        provider = event.provider();
        if (event.paymentReference() != null) {
            paymentReference = event.paymentReference();
        }
    }

    @EventSourcingHandler
    void on(PaymentFailedEvent event) {
        paymentStatus = PaymentStatus.FAILED;
    }

    @EventSourcingHandler
    void on(PaymentAttemptStartedEvent event) {
        paymentAttempt = event.attempt();
        paymentStatus = PaymentStatus.PENDING;
        provider = event.provider();
    }

    @EventSourcingHandler
    void on(OrderConfirmedEvent event) {
        moveTo(CONFIRMED);
        confirmed = true;
        paymentStatus = PaymentStatus.PAID;
        provider = event.provider();
        captureReference = event.captureReference();
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        moveTo(CANCELLED);
    }

    @EventSourcingHandler
    void on(OrderFlaggedForAttentionEvent event) {
        status = ATTENTION;
        resumeStatus = event.from();
    }

    @EventSourcingHandler
    void on(OrderResumedEvent event) {
        moveTo(event.to());
    }

    @EventSourcingHandler
    void on(OrderProcessingStartedEvent event) {
        moveTo(PROCESSING);
    }

    @EventSourcingHandler
    void on(OrderPartiallyShippedEvent event) {
        moveTo(PARTIALLY_SHIPPED);
    }

    @EventSourcingHandler
    void on(OrderShippedEvent event) {
        moveTo(SHIPPED);
    }

    @EventSourcingHandler
    void on(OrderDeliveredEvent event) {
        moveTo(DELIVERED);
    }

    @EventSourcingHandler
    void on(OrderPartiallyReturnedEvent event) {
        moveTo(PARTIALLY_RETURNED);
    }

    @EventSourcingHandler
    void on(OrderReturnedEvent event) {
        moveTo(RETURNED);
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        paymentStatus = event.paymentStatus();
    }
}
