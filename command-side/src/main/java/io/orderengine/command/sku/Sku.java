package io.orderengine.command.sku;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderengine.command.sku.StockHolding.State;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.ShortSku;
import io.orderengine.messages.sku.AdjustOrderStockCommand;
import io.orderengine.messages.sku.AdjustStockCommand;
import io.orderengine.messages.sku.ChangeSkuPriceCommand;
import io.orderengine.messages.sku.CommitStockCommand;
import io.orderengine.messages.sku.DeactivateSkuCommand;
import io.orderengine.messages.sku.OrderStockAdjustedEvent;
import io.orderengine.messages.sku.OrderStockChangeVoidedEvent;
import io.orderengine.messages.sku.ReactivateSkuCommand;
import io.orderengine.messages.sku.ReceiveStockCommand;
import io.orderengine.messages.sku.RegisterSkuCommand;
import io.orderengine.messages.sku.ReleaseStockCommand;
import io.orderengine.messages.sku.ReserveStockCommand;
import io.orderengine.messages.sku.RestockCommand;
import io.orderengine.messages.sku.RestockReturnedUnitsCommand;
import io.orderengine.messages.sku.ReturnedUnitsRestockedEvent;
import io.orderengine.messages.sku.SkuDeactivatedEvent;
import io.orderengine.messages.sku.SkuDetailsUpdatedEvent;
import io.orderengine.messages.sku.SkuPriceChangedEvent;
import io.orderengine.messages.sku.SkuReactivatedEvent;
import io.orderengine.messages.sku.SkuRegisteredEvent;
import io.orderengine.messages.sku.StockAdjustedEvent;
import io.orderengine.messages.sku.StockCommittedEvent;
import io.orderengine.messages.sku.StockReceivedEvent;
import io.orderengine.messages.sku.StockRejectionReason;
import io.orderengine.messages.sku.StockReleasedEvent;
import io.orderengine.messages.sku.StockReservationRejectedEvent;
import io.orderengine.messages.sku.StockReservedEvent;
import io.orderengine.messages.sku.StockRestockedEvent;
import io.orderengine.messages.sku.UndoOrderStockChangeCommand;
import io.orderengine.messages.sku.UpdateSkuDetailsCommand;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;

/**
 * A stock keeping unit: its catalogue data and its stock. Available = on hand − reserved, and a reservation never
 * takes it below zero. Stock moves per order: reserved at checkout, then released (failed, expired, cancelled) or
 * committed (paid: the units leave on hand), and a committed order's units may come back (restock). Every per-order
 * step is idempotent because the SKU remembers each order that asked.
 *
 * <p>State lives in plain fields so that a Jackson serializer with field visibility can snapshot it; the no-argument
 * constructor is for event sourcing and snapshot loading.
 */
@Revision("3") // order-edit changes (with their units since 3), restocked returns: older snapshots are passed over
public class Sku {

    @AggregateIdentifier
    private SkuCode sku;

    private String name;
    private Money price;
    private int lowStockThreshold;
    private Map<String, String> attributes;
    private String imageUrl;
    private boolean active;
    private int onHand;
    private int reserved;
    /** Keyed by order id. */
    private Map<String, StockHolding> holdings;
    /** Order-edit stock changes applied, by change id: the units each moved (0 when voided before it came). */
    private Map<String, Integer> stockChanges;
    /** Returns restocked, as order id + "/" + return id. */
    private Set<String> restockedReturns;

    protected Sku() {}

    /** Registers a new SKU with nothing on hand. A second registration of the code fails in the event store. */
    @CommandHandler
    public Sku(RegisterSkuCommand command) {
        apply(new SkuRegisteredEvent(
                command.sku(),
                command.name(),
                command.price(),
                command.lowStockThreshold(),
                command.attributes(),
                command.imageUrl()));
    }

    @CommandHandler
    public void handle(ChangeSkuPriceCommand command) {
        if (!command.newPrice().sameCurrencyAs(price)) {
            throw new PriceCurrencyChangeException(sku, price, command.newPrice());
        }
        apply(new SkuPriceChangedEvent(sku, price, command.newPrice()));
    }

    /** Raising the threshold to or above what is available reports low stock, like a sale would. */
    @CommandHandler
    public void handle(UpdateSkuDetailsCommand command) {
        StockLevel before = level();
        apply(new SkuDetailsUpdatedEvent(
                sku, command.name(), command.lowStockThreshold(), command.attributes(), command.imageUrl()));
        before.reportLowStockAt(sku, level());
    }

    @CommandHandler
    public void handle(ReceiveStockCommand command) {
        int newOnHand = Math.addExact(onHand, command.quantity());
        apply(new StockReceivedEvent(sku, command.quantity(), command.reason(), newOnHand, newOnHand - reserved));
    }

    @CommandHandler
    public void handle(AdjustStockCommand command) {
        int newOnHand = Math.addExact(onHand, command.delta());
        if (newOnHand < reserved || newOnHand < 0) {
            throw new InsufficientStockException(sku, command.delta(), onHand, reserved);
        }
        StockLevel before = level();
        apply(new StockAdjustedEvent(sku, command.delta(), command.reason(), newOnHand, newOnHand - reserved));
        before.reportLowStockAt(sku, level());
    }

    /** Deactivating an inactive SKU changes nothing. */
    @CommandHandler
    public void handle(DeactivateSkuCommand command) {
        if (active) {
            apply(new SkuDeactivatedEvent(sku, command.reason()));
        }
    }

    /** Reactivating an active SKU changes nothing. */
    @CommandHandler
    public void handle(ReactivateSkuCommand command) {
        if (!active) {
            apply(new SkuReactivatedEvent(sku));
        }
    }

    /**
     * Reserves units for one order, or answers with a rejection naming what is available. Only the first request of
     * an order counts: a re-sent one (whatever became of the first) changes nothing.
     */
    @CommandHandler
    public void handle(ReserveStockCommand command) {
        if (holdings.containsKey(command.orderId().value())) {
            return;
        }
        int available = available();
        if (!active) {
            apply(new StockReservationRejectedEvent(
                    sku, command.orderId(), command.quantity(), available, StockRejectionReason.INACTIVE));
        } else if (command.quantity() > available) {
            apply(new StockReservationRejectedEvent(
                    sku, command.orderId(), command.quantity(), available, StockRejectionReason.INSUFFICIENT_STOCK));
        } else {
            StockLevel before = level();
            apply(new StockReservedEvent(
                    sku, command.orderId(), command.quantity(), available - command.quantity(), command.expiresAt()));
            before.reportLowStockAt(sku, level());
        }
    }

    /** Gives up the order's reservation; changes nothing when the order holds none. */
    @CommandHandler
    public void handle(ReleaseStockCommand command) {
        StockHolding holding = holdings.get(command.orderId().value());
        if (holding != null && holding.state() == State.RESERVED) {
            apply(new StockReleasedEvent(
                    sku, command.orderId(), holding.quantity(), command.reason(), available() + holding.quantity()));
        }
    }

    /** Turns the order's reservation into a sale; changes nothing when already committed (or since restocked). */
    @CommandHandler
    public void handle(CommitStockCommand command) {
        StockHolding holding = holdingOf(command.orderId());
        if (holding.state() == State.COMMITTED || holding.state() == State.RESTOCKED) {
            return;
        }
        if (holding.state() != State.RESERVED) {
            throw new OrderStockNotFoundException(
                    sku, command.orderId(), "holds no reservation (its request was " + holding.describe() + ")");
        }
        apply(new StockCommittedEvent(
                sku, command.orderId(), holding.quantity(), onHand - holding.quantity(), available()));
    }

    /** Puts the order's committed units back on hand; changes nothing when already restocked. */
    @CommandHandler
    public void handle(RestockCommand command) {
        StockHolding holding = holdingOf(command.orderId());
        if (holding.state() == State.RESTOCKED) {
            return;
        }
        if (holding.state() != State.COMMITTED) {
            throw new OrderStockNotFoundException(
                    sku, command.orderId(), "never committed any stock (its request was " + holding.describe() + ")");
        }
        apply(new StockRestockedEvent(
                sku,
                command.orderId(),
                holding.quantity(),
                command.reason(),
                onHand + holding.quantity(),
                available() + holding.quantity()));
    }

    /**
     * An order edit changes the units the order holds (rules on the command). Answers the shortage when more units
     * are asked than available (or the SKU is not sold), null otherwise; a change id applied before changes nothing.
     */
    @CommandHandler
    public ShortSku handle(AdjustOrderStockCommand command) {
        return adjust(command.orderId(), command.changeId(), command.delta(), command.sold(), command.reason());
    }

    /** Undoes an order-edit stock change (rules on the command): the units it moved move back, or it is voided. */
    @CommandHandler
    public void handle(UndoOrderStockChangeCommand command) {
        String undoId = UndoOrderStockChangeCommand.undoId(command.changeId());
        Integer moved = stockChanges.get(command.changeId());
        if (moved == null) {
            apply(new OrderStockChangeVoidedEvent(sku, command.orderId(), command.changeId(), command.reason()));
        } else if (moved != 0 && !stockChanges.containsKey(undoId)) {
            adjust(command.orderId(), undoId, -moved, false, command.reason());
        }
    }

    private ShortSku adjust(OrderId orderId, String changeId, int requested, boolean soldIfNew, String reason) {
        if (stockChanges.containsKey(changeId)) {
            return null;
        }
        StockHolding holding = holdings.get(orderId.value());
        boolean sold = StockHolding.sold(holding, soldIfNew);
        int delta = requested;
        if (delta > 0 && (!active || delta > available())) {
            return new ShortSku(sku, delta, active ? available() : 0);
        }
        if (delta < 0) {
            delta = -Math.min(-delta, StockHolding.held(holding));
            if (delta == 0) {
                return null;
            }
        }
        StockLevel before = level();
        int newOnHand = sold ? onHand - delta : onHand;
        int newReserved = sold ? reserved : reserved + delta;
        apply(new OrderStockAdjustedEvent(
                sku, orderId, changeId, delta, sold, newOnHand, newOnHand - newReserved, reason));
        before.reportLowStockAt(sku, level());
        return null;
    }

    /** Puts units of an order's return back on hand; changes nothing when that return was restocked already. */
    @CommandHandler
    public void handle(RestockReturnedUnitsCommand command) {
        if (restockedReturns.contains(returnKey(command.orderId(), command.returnId()))) {
            return;
        }
        StockHolding holding = holdingOf(command.orderId());
        if (holding.state() != State.COMMITTED) {
            throw new OrderStockNotFoundException(
                    sku, command.orderId(), "never committed any stock (its request was " + holding.describe() + ")");
        }
        apply(new ReturnedUnitsRestockedEvent(
                sku,
                command.orderId(),
                command.returnId(),
                command.quantity(),
                command.reason(),
                onHand + command.quantity(),
                available() + command.quantity()));
    }

    private static String returnKey(OrderId orderId, String returnId) {
        return orderId.value() + "/" + returnId;
    }

    private StockHolding holdingOf(OrderId orderId) {
        StockHolding holding = holdings.get(orderId.value());
        if (holding == null) {
            throw new OrderStockNotFoundException(sku, orderId, "never reserved any stock");
        }
        return holding;
    }

    private int available() {
        return onHand - reserved;
    }

    private StockLevel level() {
        return new StockLevel(available(), lowStockThreshold);
    }

    @EventSourcingHandler
    void on(SkuRegisteredEvent event) {
        sku = event.sku();
        name = event.name();
        price = event.price();
        lowStockThreshold = event.lowStockThreshold();
        attributes = event.attributes();
        imageUrl = event.imageUrl();
        active = true;
        onHand = 0;
        reserved = 0;
        holdings = new HashMap<>();
        stockChanges = new HashMap<>();
        restockedReturns = new HashSet<>();
    }

    @EventSourcingHandler
    void on(SkuPriceChangedEvent event) {
        price = event.newPrice();
    }

    @EventSourcingHandler
    void on(SkuDetailsUpdatedEvent event) {
        name = event.name();
        lowStockThreshold = event.lowStockThreshold();
        attributes = event.attributes();
        imageUrl = event.imageUrl();
    }

    @EventSourcingHandler
    void on(StockReceivedEvent event) {
        onHand = event.onHand();
    }

    @EventSourcingHandler
    void on(StockAdjustedEvent event) {
        onHand = event.onHand();
    }

    @EventSourcingHandler
    void on(SkuDeactivatedEvent event) {
        active = false;
    }

    @EventSourcingHandler
    void on(SkuReactivatedEvent event) {
        active = true;
    }

    @EventSourcingHandler
    void on(StockReservedEvent event) {
        reserved += event.quantity();
        holdings.put(event.orderId().value(), new StockHolding(event.quantity(), State.RESERVED));
    }

    @EventSourcingHandler
    void on(OrderStockAdjustedEvent event) {
        stockChanges.put(event.changeId(), event.delta());
        onHand = event.onHand();
        reserved = event.onHand() - event.available();
        holdings.compute(
                event.orderId().value(),
                (order, holding) -> StockHolding.adjusted(holding, event.delta(), event.sold()));
    }

    @EventSourcingHandler
    void on(OrderStockChangeVoidedEvent event) {
        stockChanges.put(event.changeId(), 0);
    }

    @EventSourcingHandler
    void on(StockReservationRejectedEvent event) {
        holdings.put(event.orderId().value(), new StockHolding(event.requested(), State.REJECTED));
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event) {
        reserved -= event.quantity();
        holdings.computeIfPresent(event.orderId().value(), (order, holding) -> holding.to(State.RELEASED));
    }

    @EventSourcingHandler
    void on(StockCommittedEvent event) {
        reserved -= event.quantity();
        onHand = event.onHand();
        holdings.computeIfPresent(event.orderId().value(), (order, holding) -> holding.to(State.COMMITTED));
    }

    @EventSourcingHandler
    void on(StockRestockedEvent event) {
        onHand = event.onHand();
        holdings.computeIfPresent(event.orderId().value(), (order, holding) -> holding.to(State.RESTOCKED));
    }

    @EventSourcingHandler
    void on(ReturnedUnitsRestockedEvent event) {
        onHand = event.onHand();
        restockedReturns.add(returnKey(event.orderId(), event.returnId()));
    }
}
