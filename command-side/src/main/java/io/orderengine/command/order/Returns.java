package io.orderengine.command.order;

import static io.orderengine.messages.order.OrderStatus.PARTIALLY_RETURNED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.CustomerRef;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPartiallyReturnedEvent;
import io.orderengine.messages.order.OrderReturnedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.ReceiveReturnCommand;
import io.orderengine.messages.order.ReceivedLine;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.RejectReturnCommand;
import io.orderengine.messages.order.RequestReturnCommand;
import io.orderengine.messages.order.ReturnEverythingCommand;
import io.orderengine.messages.order.ReturnLine;
import io.orderengine.messages.order.ReturnReceivedEvent;
import io.orderengine.messages.order.ReturnRefundedEvent;
import io.orderengine.messages.order.ReturnRejectedEvent;
import io.orderengine.messages.order.ReturnRequestedEvent;
import io.orderengine.messages.order.ReturnStatus;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The returns of an {@link Order}: units asked to come back, received (restocked or not) and refunded. An entity of
 * the order (its own event-sourcing handlers); the order passes its status and its {@link Fulfilment} and
 * {@link Refunds}. The rules:
 * <ul>
 *   <li>a return may be asked for shipped units within the {@link ReturnPolicy}'s window and not already returned or
 *       asked to be (a rejected return does not count);
 *   <li>a receipt takes at most what the return asked for, SKU by SKU; the order is PARTIALLY_RETURNED while some units
 *       are back and RETURNED when every unit is;
 *   <li>the refund of a receipt is its units' share of the goods, G = subtotal − discount + tax, allocated by value
 *       (unit price × quantity) with a running floor: with S the subtotal and R the value received before,
 *       refund = ⌊G·(R + V)/S⌋ − ⌊G·R/S⌋ for a receipt worth V. The parts add up, so when every unit is back the
 *       returns have refunded exactly G = total − shipping, and a rounding cent falls to the receipt that crosses it.
 *       Shipping is added once when asked for, and the sum is capped at what is left captured.
 * </ul>
 */
final class Returns {

    private String currency;
    /** Units bought, unit price (minor units) and line name, by SKU code. */
    private Map<String, Integer> ordered;

    private Map<String, Long> unitPrices;
    private Map<String, String> names;
    /** Subtotal, the goods part of the total (subtotal − discount + tax) and shipping, in minor units. */
    private long subtotal;

    private long goods;
    private long shipping;
    /** Value (unit price × quantity) of every unit received so far. */
    private long receivedValue;

    private boolean shippingRefunded;
    private List<Return> returns;
    /** Whose order it is: reasons its owner writes are their personal data (null in older snapshots). */
    private CustomerRef customer;

    /** For snapshot loading. */
    Returns() {}

    Returns(List<OrderLine> lines, OrderTotals totals, CustomerRef customer) {
        this.customer = customer;
        currency = totals.currency();
        ordered = new LinkedHashMap<>();
        unitPrices = new LinkedHashMap<>();
        names = new LinkedHashMap<>();
        for (OrderLine line : lines) {
            ordered.merge(line.sku().value(), line.quantity(), Integer::sum);
            unitPrices.putIfAbsent(line.sku().value(), line.unitPrice().amountMinor());
            names.putIfAbsent(line.sku().value(), line.name());
        }
        subtotal = totals.subtotal().amountMinor();
        goods = totals.total().amountMinor() - totals.shipping().amountMinor();
        shipping = totals.shipping().amountMinor();
        returns = new ArrayList<>();
    }

    /** The request of {@code command} (a status already checked): shipped, not yet returned, within the window. */
    ReturnRequestedEvent request(
            OrderState order, Fulfilment fulfilment, ReturnPolicy policy, RequestReturnCommand command) {
        order.requireReturnable();
        Map<String, Integer> left = minusTaken(fulfilment.shipped(null));
        Map<String, Integer> open = minusTaken(fulfilment.shipped(policy.openSince()));
        Map<String, Integer> asked = new LinkedHashMap<>();
        List<ReturnLine> lines = new ArrayList<>();
        for (ReturnLine line : command.lines()) {
            String sku = line.sku().value();
            if (!ordered.containsKey(sku)) {
                throw ReturnRefusedException.unknownSku(sku, left);
            }
            int total = asked.merge(sku, line.quantity(), Integer::sum);
            if (total > left.getOrDefault(sku, 0)) {
                throw ReturnRefusedException.moreThanLeft(sku, total, left);
            }
            if (total > open.getOrDefault(sku, 0)) {
                throw ReturnRefusedException.windowClosed(sku, total, open);
            }
            lines.add(new ReturnLine(line.sku(), names.get(sku), line.quantity(), line.reason()));
        }
        Actor by = command.actor();
        return new ReturnRequestedEvent(
                order.orderId(), nextId(), lines, by, customer == null ? null : customer.ifWrittenBy(by));
    }

    /** The events of a receipt (a status already checked): the receipt, its refund request, the order's move. */
    List<Object> receive(OrderState order, Refunds refunds, ReceiveReturnCommand command) {
        order.requireReturnable();
        Return open = requireRequested(command.returnId());
        Map<String, Integer> requested = open.requestedBySku();
        Map<String, Integer> received = new LinkedHashMap<>();
        List<ReceivedLine> lines = new ArrayList<>();
        for (ReceivedLine line : command.lines()) {
            String sku = line.sku().value();
            int total = received.merge(sku, line.quantity(), Integer::sum);
            if (total > requested.getOrDefault(sku, 0)) {
                throw ReturnRefusedException.moreThanRequested(open.id(), sku, total, requested.getOrDefault(sku, 0));
            }
            lines.add(new ReceivedLine(line.sku(), names.get(sku), line.quantity(), line.restock()));
        }
        Tally tally = new Tally(refunds.refundable().amountMinor());
        List<Object> events = new ArrayList<>(
                receipt(order, open.id(), lines, command.refundShipping(), command.note(), command.actor(), tally));
        events.addAll(order.after(tally.unitsBack == units(ordered), command.actor()));
        return events;
    }

    /**
     * An admin's "RETURNED" (a status already checked): every shipped unit not yet returned is requested, whatever
     * the window, and every open return received with {@code restock}; shipping is not refunded.
     */
    List<Object> everything(OrderState order, Fulfilment fulfilment, Refunds refunds, ReturnEverythingCommand command) {
        order.requireReturnable();
        boolean restock = command.restock();
        Actor actor = command.actor();
        String note = command.note();
        List<Object> events = new ArrayList<>();
        List<Return> open = new ArrayList<>(returns.stream()
                .filter(r -> r.status() == ReturnStatus.REQUESTED)
                .toList());
        List<ReturnLine> rest = new ArrayList<>();
        Map<String, Integer> shipped = fulfilment.shipped(null);
        // an order shipped before shipments were tracked has none recorded: everything it ordered left then
        minusTaken(shipped.isEmpty() ? ordered : shipped)
                .forEach((sku, quantity) -> rest.add(new ReturnLine(new SkuCode(sku), names.get(sku), quantity, note)));
        if (!rest.isEmpty()) {
            ReturnRequestedEvent requested = new ReturnRequestedEvent(order.orderId(), nextId(), rest, actor);
            events.add(requested);
            open.add(Return.requested(requested.returnId(), requested.lines()));
        }
        Tally tally = new Tally(refunds.refundable().amountMinor());
        for (Return r : open) {
            List<ReceivedLine> lines = r.requested().stream()
                    .map(line -> new ReceivedLine(line.sku(), line.name(), line.quantity(), restock))
                    .toList();
            events.addAll(receipt(order, r.id(), lines, false, note, actor, tally));
        }
        events.addAll(order.after(tally.unitsBack == units(ordered), actor));
        return events;
    }

    /** Turns a REQUESTED return down; nothing moves. */
    @CommandHandler
    void handle(RejectReturnCommand command) {
        requireRequested(command.returnId());
        apply(new ReturnRejectedEvent(command.orderId(), command.returnId(), command.reason(), command.actor()));
    }

    /**
     * The received return whose refund is complete with {@code refund} (already applied): a refund split across the
     * order's payments comes back in parts with the return's refund id, and the return is refunded with its last part
     * (the whole amount, that part's reference); before it, the return stays RECEIVED.
     */
    Optional<ReturnRefundedEvent> refunded(OrderId orderId, PaymentRefundedEvent refund) {
        return returns.stream()
                .filter(r -> r.status() == ReturnStatus.RECEIVED && r.refundedBy(refund) && r.refunded() >= r.refund())
                .findFirst()
                .map(r -> new ReturnRefundedEvent(
                        orderId, r.id(), refund.refundReference(), Money.of(r.refunded(), currency)));
    }

    String lastReturnId() {
        return returns.get(returns.size() - 1).id();
    }

    private List<Object> receipt(
            OrderState order,
            String returnId,
            List<ReceivedLine> lines,
            boolean refundShipping,
            String note,
            Actor actor,
            Tally tally) {
        long value = 0;
        for (ReceivedLine line : lines) {
            value += unitPrices.get(line.sku().value()) * line.quantity();
            tally.unitsBack += line.quantity();
        }
        long refund = share(tally.value + value) - share(tally.value);
        tally.value += value;
        boolean withShipping = refundShipping && !tally.shippingRefunded && shipping > 0;
        if (withShipping) {
            refund += shipping;
            tally.shippingRefunded = true;
        }
        refund = Math.max(0, Math.min(refund, tally.refundable));
        tally.refundable -= refund;
        Money amount = Money.of(refund, currency);
        List<Object> events = new ArrayList<>();
        events.add(new ReturnReceivedEvent(order.orderId(), returnId, lines, amount, withShipping, note, actor));
        if (refund > 0) {
            events.add(new RefundRequestedEvent(
                    order.orderId(),
                    ReturnReceivedEvent.refundIdOf(returnId),
                    amount,
                    order.provider(),
                    order.paymentReference(),
                    actor,
                    "return " + returnId));
        }
        return events;
    }

    /** ⌊G·value/S⌋: the goods' share of units worth {@code value} (all of G once every unit is counted). */
    private long share(long value) {
        if (subtotal == 0) {
            return 0;
        }
        return BigInteger.valueOf(goods)
                .multiply(BigInteger.valueOf(value))
                .divide(BigInteger.valueOf(subtotal))
                .longValueExact();
    }

    private Return requireRequested(String returnId) {
        Return found = returns.stream()
                .filter(r -> r.id().equals(returnId))
                .findFirst()
                .orElseThrow(() -> ReturnRefusedException.unknownReturn(returnId));
        if (found.status() != ReturnStatus.REQUESTED) {
            throw ReturnRefusedException.notRequested(returnId, found.status());
        }
        return found;
    }

    /** {@code shipped} minus units returned or asked to be (rejected returns excluded); only SKUs with units left. */
    private Map<String, Integer> minusTaken(Map<String, Integer> shipped) {
        Map<String, Integer> left = new LinkedHashMap<>(shipped);
        for (Return r : returns) {
            r.taken().forEach((sku, quantity) -> left.merge(sku, -quantity, Integer::sum));
        }
        left.values().removeIf(quantity -> quantity <= 0);
        return left;
    }

    private static int units(Map<String, Integer> bySku) {
        return bySku.values().stream().mapToInt(Integer::intValue).sum();
    }

    private String nextId() {
        return "R" + (returns.size() + 1);
    }

    @EventSourcingHandler
    void on(ReturnRequestedEvent event) {
        returns.add(Return.requested(event.returnId(), event.lines()));
    }

    @EventSourcingHandler
    void on(ReturnReceivedEvent event) {
        for (ReceivedLine line : event.lines()) {
            receivedValue += unitPrices.get(line.sku().value()) * line.quantity();
        }
        shippingRefunded |= event.shippingRefunded();
        returns.replaceAll(r -> r.id().equals(event.returnId()) ? r.received(event.lines(), event.refund()) : r);
    }

    /** A part of a received return's refund came back (the whole of it, unless split across payments). */
    @EventSourcingHandler
    void on(PaymentRefundedEvent event) {
        returns.replaceAll(
                r -> r.status() == ReturnStatus.RECEIVED && r.refundedBy(event) ? r.plus(event.amount()) : r);
    }

    @EventSourcingHandler
    void on(ReturnRejectedEvent event) {
        returns.replaceAll(r -> r.id().equals(event.returnId()) ? r.to(ReturnStatus.REJECTED) : r);
    }

    @EventSourcingHandler
    void on(ReturnRefundedEvent event) {
        returns.replaceAll(r -> r.id().equals(event.returnId()) ? r.to(ReturnStatus.REFUNDED) : r);
    }

    /** What receipts in one command have counted so far: value and units back, shipping, what is left captured. */
    private final class Tally {
        long value = receivedValue;
        int unitsBack = unitsBack();
        boolean shippingRefunded = Returns.this.shippingRefunded;
        long refundable;

        Tally(long refundable) {
            this.refundable = refundable;
        }
    }

    private int unitsBack() {
        int back = 0;
        for (Return r : returns) {
            if (r.status() == ReturnStatus.RECEIVED || r.status() == ReturnStatus.REFUNDED) {
                back += units(r.taken());
            }
        }
        return back;
    }

    /** What the rules need of the order: its status (returns need one from which RETURNED is allowed), its payment. */
    record OrderState(
            OrderId orderId,
            OrderStatus status,
            OrderStatus resumeStatus,
            PaymentMethod provider,
            String paymentReference) {

        void requireReturnable() {
            OrderTransitions.requireAllowed(status, resumeStatus, OrderStatus.RETURNED);
        }

        /** The order's move after receipts: RETURNED when every unit is back, else PARTIALLY_RETURNED once. */
        List<Object> after(boolean everyUnitBack, Actor actor) {
            if (everyUnitBack) {
                return List.of(new OrderReturnedEvent(orderId, status, actor, "every unit returned"));
            }
            if (OrderTransitions.allows(status, resumeStatus, PARTIALLY_RETURNED)) {
                return List.of(new OrderPartiallyReturnedEvent(orderId, status, actor, "units returned"));
            }
            return List.of();
        }
    }

    /**
     * One return; {@code received} is empty until it is received. {@code refund}: what its receipt asked back, in
     * minor units; {@code refunded}: what came back of it so far.
     */
    record Return(
            String id,
            ReturnStatus status,
            List<ReturnLine> requested,
            List<ReceivedLine> received,
            long refund,
            long refunded) {
        static Return requested(String id, List<ReturnLine> lines) {
            return new Return(id, ReturnStatus.REQUESTED, lines, List.of(), 0, 0);
        }

        Return to(ReturnStatus next) {
            return new Return(id, next, requested, received, refund, refunded);
        }

        Return received(List<ReceivedLine> lines, Money refund) {
            return new Return(id, ReturnStatus.RECEIVED, requested, lines, refund.amountMinor(), 0);
        }

        Return plus(Money part) {
            return new Return(id, status, requested, received, refund, refunded + part.amountMinor());
        }

        boolean refundedBy(PaymentRefundedEvent event) {
            return ReturnReceivedEvent.refundIdOf(id).equals(event.refundId());
        }

        Map<String, Integer> requestedBySku() {
            Map<String, Integer> bySku = new LinkedHashMap<>();
            requested.forEach(line -> bySku.merge(line.sku().value(), line.quantity(), Integer::sum));
            return bySku;
        }

        /** Units this return holds against what was shipped: asked for while REQUESTED, received after. */
        Map<String, Integer> taken() {
            Map<String, Integer> bySku = new LinkedHashMap<>();
            switch (status) {
                case REQUESTED -> requested.forEach(l -> bySku.merge(l.sku().value(), l.quantity(), Integer::sum));
                case RECEIVED, REFUNDED ->
                    received.forEach(l -> bySku.merge(l.sku().value(), l.quantity(), Integer::sum));
                case REJECTED -> {}
            }
            return bySku;
        }
    }
}
