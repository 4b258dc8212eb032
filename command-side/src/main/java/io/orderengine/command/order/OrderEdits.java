package io.orderengine.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderengine.command.pricing.PricingPolicy;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.CustomerRef;
import io.orderengine.messages.order.EditOrderCommand;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderEditPreview;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderStatusChange;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PreviewOrderEditCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The edits of an {@link Order} before it ships, and the order's version: 1 when placed, one more with each edit. An
 * entity of the order with its own handlers: it follows the order's status, lines, address and totals from the
 * events, so that the order itself only holds it. The rules:
 * <ul>
 *   <li>an order may be edited while AWAITING_PAYMENT, CONFIRMED or PROCESSING (not in ATTENTION, not once a unit
 *       shipped); otherwise the edit is refused naming the status;
 *   <li>what the changes make of the order is {@link OrderEditPlan}'s (never no lines; added SKUs at today's price,
 *       kept lines at their snapshot; totals by the pricing policy for the new destination);
 *   <li>an edit is recorded only at the version it was previewed at (the stock was reserved for that), and an edit
 *       id recorded before changes nothing;
 *   <li>the money follows in the same step, by {@link OrderEditSettlement}'s rules: a lower total of a paid order is
 *       refunded (a {@code RefundRequestedEvent} the checkout saga pays out like any refund).
 * </ul>
 */
final class OrderEdits {

    private static final Set<OrderStatus> EDITABLE =
            Set.of(OrderStatus.AWAITING_PAYMENT, OrderStatus.CONFIRMED, OrderStatus.PROCESSING);

    private OrderId orderId;
    private OrderStatus status;
    private boolean paid;
    private List<OrderLine> lines;
    private Address shippingAddress;
    private OrderTotals totals;
    private String discountCode;
    private int version;
    /** The payment refunds go back through; the Order keeps the same, its entities cannot read it. */
    private PaymentMethod provider;

    private String paymentReference;
    /** Captured and not yet asked back: what an edit may still refund. */
    private Money refundable;
    /** Version each recorded edit made, by edit id. */
    private Map<String, Integer> edits;
    /** Whose order it is: the edit's addresses are that subject's personal data. */
    private CustomerRef customer;

    /** For snapshot loading. */
    OrderEdits() {}

    /** The order's owner when {@code author} is them (their free text is their personal data), else null. */
    CustomerRef ownerIf(Actor author) {
        return customer == null ? null : customer.ifWrittenBy(author);
    }

    OrderEdits(OrderPlacedEvent placed) {
        on(placed);
    }

    /** What the changes would do; changes nothing. */
    @CommandHandler
    OrderEditPreview handle(PreviewOrderEditCommand command, PricingPolicy pricing) {
        requireEditable();
        return plan(command.changes(), command.catalogue(), pricing).preview();
    }

    /** Records the edit (rules above) and answers what it did. */
    @CommandHandler
    OrderEditPreview handle(EditOrderCommand command, PricingPolicy pricing) {
        if (edits.containsKey(command.editId())) {
            return null;
        }
        requireEditable();
        if (command.expectedVersion() != version) {
            throw OrderEditRefusedException.versionChanged(command.expectedVersion(), version);
        }
        OrderEditPlan.Result result = plan(command.changes(), command.catalogue(), pricing);
        OrderEditPreview preview = result.preview();
        OrderEditSettlement.requireSettleable(preview);
        apply(new OrderEditedEvent(
                orderId,
                command.editId(),
                preview.version(),
                command.changes(),
                command.note(),
                result.lines(),
                preview.lines(),
                preview.before(),
                preview.after(),
                preview.shippingAddress(),
                preview.balance(),
                preview.stockSold(),
                command.actor(),
                customer));
        Money refund = OrderEditSettlement.refundOf(preview, refundable);
        if (refund != null) {
            apply(new RefundRequestedEvent(
                    orderId,
                    OrderEditSettlement.refundId(command.editId()),
                    refund,
                    provider,
                    paymentReference,
                    command.actor(),
                    "order edited to a lower total (" + command.editId() + ")"));
        }
        return preview;
    }

    private OrderEditPlan.Result plan(
            List<io.orderengine.messages.order.OrderEditChange> changes,
            List<OrderLine> catalogue,
            PricingPolicy pricing) {
        return OrderEditPlan.plan(
                orderId, lines, shippingAddress, totals, discountCode, version, paid, changes, catalogue, pricing);
    }

    private void requireEditable() {
        if (!EDITABLE.contains(status)) {
            throw OrderEditRefusedException.notEditableIn(status);
        }
    }

    /** The order's version: 1 when placed, one more with each edit. */
    int version() {
        return version;
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event) {
        orderId = event.orderId();
        status = OrderStatus.PENDING;
        paid = false;
        lines = new ArrayList<>(event.lines());
        shippingAddress = event.shippingAddress();
        totals = event.totals();
        discountCode = event.discountCode();
        version = 1;
        edits = new HashMap<>();
        provider = event.paymentMethod();
        customer = event.customer();
    }

    @EventSourcingHandler
    void on(OrderStatusChange event) {
        status = event.to();
    }

    @EventSourcingHandler
    void on(OrderAwaitingPaymentEvent event) {
        status = event.to();
        provider = event.provider();
        paymentReference = event.paymentReference();
    }

    @EventSourcingHandler
    void on(PaymentAuthorizedEvent event) {
        provider = event.provider();
        if (event.paymentReference() != null) {
            paymentReference = event.paymentReference();
        }
    }

    @EventSourcingHandler
    void on(PaymentAttemptStartedEvent event) {
        provider = event.provider();
    }

    @EventSourcingHandler
    void on(OrderConfirmedEvent event) {
        status = event.to();
        paid = true;
        provider = event.provider();
        refundable = event.captured();
    }

    @EventSourcingHandler
    void on(RefundRequestedEvent event) {
        if (refundable != null) {
            refundable = refundable.minus(event.amount());
        }
    }

    @EventSourcingHandler
    void on(OrderEditedEvent event) {
        lines = new ArrayList<>(event.lines());
        shippingAddress = event.shippingAddress();
        totals = event.totals();
        version = event.version();
        edits.put(event.editId(), event.version());
    }
}
