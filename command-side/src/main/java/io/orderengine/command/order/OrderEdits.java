package io.orderengine.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderengine.command.pricing.PricingPolicy;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.AwaitEditBalanceCommand;
import io.orderengine.messages.order.CustomerRef;
import io.orderengine.messages.order.EditBalanceAuthorizedEvent;
import io.orderengine.messages.order.EditBalanceAwaitingPaymentEvent;
import io.orderengine.messages.order.EditBalancePaidEvent;
import io.orderengine.messages.order.EditBalancePaidLateEvent;
import io.orderengine.messages.order.EditBalanceRequestedEvent;
import io.orderengine.messages.order.EditOrderCommand;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderAwaitingPaymentEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditPreview;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderStatusChange;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentAttemptStartedEvent;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentFailedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.PreviewOrderEditCommand;
import io.orderengine.messages.order.RecordEditBalanceAuthorizationCommand;
import io.orderengine.messages.order.RecordEditBalanceCaptureCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.RollBackOrderEditCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;

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
 *   <li>the money follows in the same step, by {@link OrderEditSettlement}'s rules (an unpaid order's payment is
 *       replaced for the new total, see {@link PaymentReplacements}): a lower total of a paid order is
 *       refunded (a {@code RefundRequestedEvent} the checkout saga pays out like any refund); a higher total of a
 *       paid order asks for the balance (an {@code EditBalanceRequestedEvent} the edit-balance saga collects: the
 *       payment is PARTIALLY_PAID until the balance is paid, or the edit is rolled back to the lines, totals and
 *       address before it when it is not);
 *   <li>while an edit waits for its balance the order takes no other edit.
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
    /** Stock taken for attempts to record an edit: an edit is recorded only with an open hold. */
    @AggregateMember
    private EditStockHolds holds;
    /** Captured and not yet asked back: what an edit may still refund. */
    private Money refundable;
    /** Version each recorded edit made, by edit id. */
    private Map<String, Integer> edits;
    /** Whose order it is: the edit's addresses are that subject's personal data. */
    private CustomerRef customer;

    private String orderNumber;
    /** The unpaid order's payment is authorized (held, being captured). */
    private boolean paymentAuthorized;
    /** The payment status the order shows outside an edit's balance (PAID, PARTIALLY_REFUNDED, …). */
    private PaymentStatus paymentStatus;
    /** The order before its last edit: what a rollback of that edit restores. */
    private List<OrderLine> linesBefore;

    private Address addressBefore;
    private OrderTotals totalsBefore;
    private List<EditedLine> lastEditedLines;
    /** The edit waiting for its balance, or null; its amount and payment. */
    private String balanceEditId;

    private String balancePaymentReference;
    private boolean balanceAuthorized;
    /** Edits whose balance was paid, and edits rolled back. */
    private Set<String> balancesPaid;

    private Set<String> rolledBack;
    /** Capture references of balances recorded (paid or paid late). */
    private Set<String> balanceCaptures;

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
        if (balanceEditId != null) {
            throw OrderEditRefusedException.balanceDue(balanceEditId);
        }
        if (command.expectedVersion() != version) {
            throw OrderEditRefusedException.versionChanged(command.expectedVersion(), version);
        }
        holds.requireOpen(command.holdId());
        OrderEditPlan.Result result = plan(command.changes(), command.catalogue(), pricing);
        OrderEditPreview preview = result.preview();
        OrderEditSettlement.requireSettleable(preview, paymentAuthorized);
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
                customer,
                command.holdId()));
        OrderEditSettlement.refund(orderId, command, preview, refundable, provider, paymentReference)
                .ifPresent(AggregateLifecycle::apply);
        if (OrderEditSettlement.balanceDue(preview)) {
            apply(new EditBalanceRequestedEvent(orderId, command.editId(), orderNumber, preview.balance(), provider));
        }
        return preview;
    }

    /** The balance payment is set up: recorded once, while the edit waits for it. */
    @CommandHandler
    void handle(AwaitEditBalanceCommand command) {
        if (!command.editId().equals(balanceEditId) || balancePaymentReference != null) {
            return;
        }
        apply(new EditBalanceAwaitingPaymentEvent(
                orderId, command.editId(), command.provider(), command.paymentReference(), command.action()));
    }

    /** The customer authorized the balance payment: recorded once, while the edit waits for it. */
    @CommandHandler
    void handle(RecordEditBalanceAuthorizationCommand command) {
        if (!command.editId().equals(balanceEditId) || balanceAuthorized) {
            return;
        }
        apply(new EditBalanceAuthorizedEvent(orderId, command.editId(), command.paymentReference()));
    }

    /** The balance was captured: settles the waiting edit; after its rollback or a cancel, it is money paid late. */
    @CommandHandler
    void handle(RecordEditBalanceCaptureCommand command) {
        String editId = command.editId();
        if (balancesPaid.contains(editId) || balanceCaptures.contains(command.captureReference())) {
            return;
        }
        if (!edits.containsKey(editId)) {
            throw new InvalidOrderEditException("order has no edit " + editId);
        }
        PaymentTransitions.requireOrderCurrency("balance", command.amount(), totals.currency());
        if (editId.equals(balanceEditId) && status != OrderStatus.CANCELLED) {
            apply(new EditBalancePaidEvent(
                    orderId,
                    editId,
                    command.paymentReference(),
                    command.captureReference(),
                    command.amount(),
                    paymentStatus));
        } else {
            apply(new EditBalancePaidLateEvent(
                    orderId,
                    editId,
                    command.provider(),
                    command.paymentReference(),
                    command.captureReference(),
                    command.amount()));
        }
    }

    /** Undoes the edit waiting for its balance: the order as before it, at a new version. */
    @CommandHandler
    void handle(RollBackOrderEditCommand command) {
        if (!command.editId().equals(balanceEditId)) {
            return;
        }
        if (!EDITABLE.contains(status) && status != OrderStatus.ATTENTION) {
            throw OrderEditRefusedException.notEditableIn(status); // something shipped meanwhile: a human decides
        }
        List<EditedLine> back = OrderEditPlan.reversed(lastEditedLines);
        Actor actor = command.actor() == null ? Order.CHECKOUT : command.actor();
        apply(new OrderEditRolledBackEvent(
                orderId,
                command.editId(),
                version + 1,
                linesBefore,
                back,
                totalsBefore,
                addressBefore,
                paymentStatus,
                command.reason(),
                actor,
                customer));
    }

    private OrderEditPlan.Result plan(List<OrderEditChange> changes, List<OrderLine> catalogue, PricingPolicy pricing) {
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
        holds = new EditStockHolds();
        provider = event.paymentMethod();
        customer = event.customer();
        orderNumber = event.orderNumber() == null ? null : event.orderNumber().value();
        paymentStatus = PaymentStatus.PENDING;
        balancesPaid = new HashSet<>();
        rolledBack = new HashSet<>();
        balanceCaptures = new HashSet<>();
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
        paymentAuthorized = true;
        provider = event.provider();
        if (event.paymentReference() != null) {
            paymentReference = event.paymentReference();
        }
    }

    @EventSourcingHandler
    void on(PaymentAttemptStartedEvent event) {
        paymentAuthorized = false;
        provider = event.provider();
    }

    @EventSourcingHandler
    void on(PaymentFailedEvent event) {
        paymentAuthorized = false;
    }

    @EventSourcingHandler
    void on(OrderConfirmedEvent event) {
        status = event.to();
        paid = true;
        provider = event.provider();
        refundable = event.captured();
        paymentStatus = PaymentStatus.PAID;
    }

    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        paymentStatus = event.paymentStatus();
    }

    @EventSourcingHandler
    void on(RefundRequestedEvent event) {
        if (refundable != null) {
            refundable = refundable.minus(event.amount());
        }
    }

    @EventSourcingHandler
    void on(OrderEditedEvent event) {
        linesBefore = List.copyOf(lines);
        addressBefore = shippingAddress;
        totalsBefore = totals;
        lastEditedLines = List.copyOf(event.editedLines());
        lines = new ArrayList<>(event.lines());
        shippingAddress = event.shippingAddress();
        totals = event.totals();
        version = event.version();
        edits.put(event.editId(), event.version());
    }

    @EventSourcingHandler
    void on(EditBalanceRequestedEvent event) {
        balanceEditId = event.editId();
        balancePaymentReference = null;
        balanceAuthorized = false;
    }

    @EventSourcingHandler
    void on(EditBalanceAwaitingPaymentEvent event) {
        balancePaymentReference = event.paymentReference();
    }

    @EventSourcingHandler
    void on(EditBalanceAuthorizedEvent event) {
        balanceAuthorized = true;
    }

    @EventSourcingHandler
    void on(EditBalancePaidEvent event) {
        balanceEditId = null;
        balancesPaid.add(event.editId());
        balanceCaptures.add(event.captureReference());
        if (refundable != null) {
            refundable = refundable.plus(event.amount());
        }
    }

    @EventSourcingHandler
    void on(EditBalancePaidLateEvent event) {
        balanceCaptures.add(event.captureReference());
    }

    @EventSourcingHandler
    void on(OrderEditRolledBackEvent event) {
        lines = new ArrayList<>(event.lines());
        shippingAddress = event.shippingAddress();
        totals = event.totals();
        version = event.version();
        balanceEditId = null;
        rolledBack.add(event.editId());
    }
}
