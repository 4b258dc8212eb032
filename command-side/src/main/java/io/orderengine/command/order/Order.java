package io.orderengine.command.order;

import io.orderengine.command.pricing.PricingPolicy;
import io.orderengine.command.pricing.Quote;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.AddAdminNoteCommand;
import io.orderengine.messages.order.AdminNoteAddedEvent;
import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.ChangeFulfilmentStatusCommand;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderDeliveredEvent;
import io.orderengine.messages.order.OrderFlaggedForAttentionEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderProcessingStartedEvent;
import io.orderengine.messages.order.OrderRejectedEvent;
import io.orderengine.messages.order.OrderResumedEvent;
import io.orderengine.messages.order.OrderReturnedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.PlaceOrderCommand;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.RejectOrderCommand;
import io.orderengine.messages.order.RequestRefundCommand;
import io.orderengine.messages.order.ResumeOrderCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.orderengine.messages.order.OrderStatus.ATTENTION;
import static io.orderengine.messages.order.OrderStatus.AWAITING_PAYMENT;
import static io.orderengine.messages.order.OrderStatus.CANCELLED;
import static io.orderengine.messages.order.OrderStatus.CONFIRMED;
import static io.orderengine.messages.order.OrderStatus.DELIVERED;
import static io.orderengine.messages.order.OrderStatus.PROCESSING;
import static io.orderengine.messages.order.OrderStatus.REJECTED;
import static io.orderengine.messages.order.OrderStatus.RETURNED;
import static io.orderengine.messages.order.OrderStatus.SHIPPED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An order, from placement to its end, and the money paid for it. Status moves follow {@link OrderTransitions};
 * an illegal move throws {@link IllegalOrderTransitionException} naming the current status. Commands the checkout
 * saga sends are idempotent: repeating a step that was already applied changes nothing. Whether the caller may act
 * on this order at all (ownership) is checked by the API, not here.
 *
 * <p>State lives in plain fields so that a Jackson serializer with field visibility can snapshot it; the no-argument
 * constructor is for event sourcing and snapshot loading.
 */
public class Order {

    /** Who the order's events name when the checkout saga moved it. */
    public static final Actor CHECKOUT = Actor.system("checkout-saga");

    @AggregateIdentifier
    private OrderId orderId;
    private OrderStatus status;
    /** The status before ATTENTION, where a resume returns to; null outside ATTENTION. */
    private OrderStatus resumeStatus;
    private PaymentStatus paymentStatus;
    private String currency;
    private PaymentMethod provider;
    private String paymentReference;
    private String captureReference;
    /** The order was paid at some point, so its stock was committed. */
    private boolean confirmed;
    private Money captured;
    private Money refunded;
    /** Refunds asked for and not yet recorded as done, by refund id. */
    private Map<String, Money> refundsInFlight;
    private Set<String> refundIds;
    private Set<String> refundReferences;

    protected Order() {
    }

    /**
     * Places the order: checks the line snapshots, prices them with the shop's policy and records the order as
     * PENDING. Placing an order id a second time fails in the event store.
     */
    @CommandHandler
    public Order(PlaceOrderCommand command, PricingPolicy pricing) {
        requireLinesIn(command);
        Quote quote = pricing.quote(command.lines(), command.currency(), command.shippingAddress().country(),
                command.discountCode());
        Actor actor = command.customer().isGuest()
                ? Actor.guest(command.orderId().value())
                : Actor.customer(command.customer().customerId());
        apply(new OrderPlacedEvent(command.orderId(), command.orderNumber(), command.customer(), command.lines(),
                quote.totals(), command.shippingAddress(), command.billingAddress(), command.paymentMethod(),
                quote.discountCode(), command.notes(), command.placedAt(), actor));
    }

    private static void requireLinesIn(PlaceOrderCommand command) {
        Set<SkuCode> seen = new HashSet<>();
        for (OrderLine line : command.lines()) {
            if (!line.unitPrice().currency().equals(command.currency())) {
                throw new InvalidOrderException("line " + line.sku() + " is priced in " + line.unitPrice().currency()
                        + " but the order is in " + command.currency());
            }
            if (!seen.add(line.sku())) {
                throw new InvalidOrderException("SKU " + line.sku() + " appears on more than one line; merge them");
            }
        }
    }

    /** Stock could not be reserved. Re-sent after the order was rejected, it changes nothing. */
    @CommandHandler
    public void handle(RejectOrderCommand command) {
        if (status == REJECTED) {
            return;
        }
        OrderTransitions.requireAllowed(status, resumeStatus, REJECTED);
        apply(new OrderRejectedEvent(orderId, status, command.shortSkus(), CHECKOUT, rejectionNote(command)));
    }

    private static String rejectionNote(RejectOrderCommand command) {
        if (command.shortSkus().isEmpty()) {
            return "out of stock";
        }
        return command.shortSkus().stream()
                .map(s -> s.sku() + " (asked " + s.requested() + ", " + s.available() + " available)")
                .collect(Collectors.joining(", ", "out of stock: ", ""));
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
        OrderTransitions.requireAllowed(status, resumeStatus, AWAITING_PAYMENT);
        PaymentAction action = command.action() == null ? null
                : new PaymentAction(command.action().type(), command.action().url(), null);
        PaymentMethod method = command.provider() == null ? provider : command.provider();
        apply(new OrderAwaitingPaymentEvent(orderId, status, method, command.paymentReference(), action, CHECKOUT,
                "waiting for " + method.wireName() + " payment"));
    }

    /** The gateway holds the money. Changes nothing once the payment is authorized or further. */
    @CommandHandler
    public void handle(RecordPaymentAuthorizationCommand command) {
        if (paymentStatus != PaymentStatus.PENDING && paymentStatus != PaymentStatus.FAILED) {
            return;
        }
        if (command.amount() != null) {
            requireOrderCurrency("authorized amount", command.amount());
        }
        apply(new PaymentAuthorizedEvent(orderId, command.provider() == null ? provider : command.provider(),
                command.paymentReference(), command.amount(), command.cardBrand(), command.cardLast4()));
    }

    /** The payment failed at the gateway. Changes nothing when already recorded; refused once money was captured. */
    @CommandHandler
    public void handle(RecordPaymentFailureCommand command) {
        if (paymentStatus == PaymentStatus.FAILED) {
            return;
        }
        if (paymentStatus != PaymentStatus.PENDING && paymentStatus != PaymentStatus.AUTHORIZED) {
            throw new IllegalPaymentTransitionException(paymentStatus, PaymentStatus.FAILED);
        }
        apply(new PaymentFailedEvent(orderId, command.reason()));
    }

    /** The payment was captured. Changes nothing once the order was confirmed, whatever happened since. */
    @CommandHandler
    public void handle(ConfirmOrderCommand command) {
        if (confirmed) {
            return;
        }
        OrderTransitions.requireAllowed(status, resumeStatus, CONFIRMED);
        if (command.captured() == null) {
            throw new IllegalArgumentException("the captured amount is required to confirm an order");
        }
        requireOrderCurrency("captured amount", command.captured());
        apply(new OrderConfirmedEvent(orderId, status, command.provider() == null ? provider : command.provider(),
                command.captureReference(), command.captured(), CHECKOUT, "paid"));
    }

    /**
     * Cancels the order if the actor's kind may in the current status (see {@link OrderTransitions}). The event says
     * what must be refunded and whether the stock was committed. A repeated cancel from the engine changes nothing.
     */
    @CommandHandler
    public void handle(CancelOrderCommand command) {
        if (status == CANCELLED && command.actor().isSystem()) {
            return;
        }
        OrderTransitions.requireCancellable(command.actor(), status, resumeStatus);
        apply(new OrderCancelledEvent(orderId, status, command.actor(), command.reason(), captured.minus(refunded),
                confirmed));
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
        OrderStatus target = command.target();
        if (target != PROCESSING && target != SHIPPED && target != DELIVERED && target != RETURNED) {
            throw new UnsupportedFulfilmentTargetException(target);
        }
        OrderTransitions.requireAllowed(status, resumeStatus, target);
        Actor actor = command.actor();
        switch (target) {
            case PROCESSING -> apply(new OrderProcessingStartedEvent(orderId, status, actor, command.note()));
            case SHIPPED -> apply(new OrderShippedEvent(orderId, status, command.trackingNumber(),
                    command.estimatedDelivery(), actor, command.note()));
            case DELIVERED -> apply(new OrderDeliveredEvent(orderId, status, actor, command.note()));
            default -> apply(new OrderReturnedEvent(orderId, status, actor, command.note()));
        }
    }

    /**
     * Asks for money back: {@code amount} null means all that is left. Never more than captured − refunded − refunds
     * already asked for. A refund id asked for before changes nothing, so a retried request cannot refund twice.
     */
    @CommandHandler
    public void handle(RequestRefundCommand command) {
        if (refundIds.contains(command.refundId())) {
            return;
        }
        Money refundable = refundable();
        if (captured.isZero()) {
            throw new RefundNotAllowedException("nothing was captured for this order; there is nothing to refund",
                    refundable);
        }
        if (command.amount() != null) {
            requireOrderCurrency("refund amount", command.amount());
        }
        Money amount = command.amount() == null ? refundable : command.amount();
        if (refundable.isZero()) {
            throw new RefundNotAllowedException("everything captured was refunded or is being refunded", refundable);
        }
        if (amount.greaterThan(refundable)) {
            throw new RefundNotAllowedException("cannot refund " + amount + ": at most " + refundable
                    + " can be refunded", refundable);
        }
        // every gateway refunds by the payment's reference (PayPal's adapter finds the capture of the order itself)
        apply(new RefundRequestedEvent(orderId, command.refundId(), amount, provider, paymentReference,
                command.actor(), command.reason()));
    }

    /**
     * The gateway gave money back. A refund reference already recorded changes nothing; a refund of more than was
     * captured and not yet refunded is refused.
     */
    @CommandHandler
    public void handle(RecordRefundCommand command) {
        if (command.refundReference() == null || command.refundReference().isBlank()) {
            throw new IllegalArgumentException("the gateway's refund reference is required");
        }
        if (refundReferences.contains(command.refundReference())) {
            return;
        }
        Money remaining = captured.minus(refunded);
        if (command.amount() == null || command.amount().amountMinor() <= 0) {
            throw new IllegalArgumentException("a refund amount must be positive");
        }
        requireOrderCurrency("refund amount", command.amount());
        if (command.amount().greaterThan(remaining)) {
            throw new RefundNotAllowedException("cannot record a refund of " + command.amount() + ": at most "
                    + remaining + " was captured and not yet refunded", remaining);
        }
        Money totalRefunded = refunded.plus(command.amount());
        PaymentStatus after = totalRefunded.equals(captured) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
        apply(new PaymentRefundedEvent(orderId, command.refundId(), command.refundReference(), command.amount(),
                totalRefunded, after));
    }

    @CommandHandler
    public void handle(AddAdminNoteCommand command) {
        apply(new AdminNoteAddedEvent(orderId, command.actor(), command.note()));
    }

    private Money refundable() {
        Money inFlight = Money.zero(currency);
        for (Money amount : refundsInFlight.values()) {
            inFlight = inFlight.plus(amount);
        }
        Money left = captured.minus(refunded).minus(inFlight);
        return left.isNegative() ? Money.zero(currency) : left;
    }

    private void requireOrderCurrency(String what, Money amount) {
        if (!amount.currency().equals(currency)) {
            throw new CurrencyMismatchException(what, amount, currency);
        }
    }

    private static Actor actorOrEngine(Actor actor) {
        return actor == null ? CHECKOUT : actor;
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
        currency = event.totals().currency();
        provider = event.paymentMethod();
        confirmed = false;
        captured = Money.zero(currency);
        refunded = Money.zero(currency);
        refundsInFlight = new HashMap<>();
        refundIds = new HashSet<>();
        refundReferences = new HashSet<>();
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
    void on(OrderConfirmedEvent event) {
        moveTo(CONFIRMED);
        confirmed = true;
        paymentStatus = PaymentStatus.PAID;
        provider = event.provider();
        captureReference = event.captureReference();
        captured = event.captured();
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
    void on(OrderShippedEvent event) {
        moveTo(SHIPPED);
    }

    @EventSourcingHandler
    void on(OrderDeliveredEvent event) {
        moveTo(DELIVERED);
    }

    @EventSourcingHandler
    void on(OrderReturnedEvent event) {
        moveTo(RETURNED);
    }

    @EventSourcingHandler
    void on(RefundRequestedEvent event) {
        refundIds.add(event.refundId());
        refundsInFlight.put(event.refundId(), event.amount());
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        refunded = event.totalRefunded();
        paymentStatus = event.paymentStatus();
        refundReferences.add(event.refundReference());
        if (event.refundId() != null) {
            refundsInFlight.remove(event.refundId());
        }
    }
}
