package io.orderengine.command.order;

import io.orderengine.command.pricing.DiscountCode;
import io.orderengine.command.pricing.PricingPolicy;
import io.orderengine.command.pricing.Quote;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.PlaceOrderCommand;
import io.orderengine.messages.order.RejectOrderCommand;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The placement rules of an {@link Order}: which line snapshots an order may be placed with (each in the order's
 * currency, each SKU on one line), who the placement names (the customer, or the guest by the order id), what the
 * placed order records with its quote, and the note of a rejection for lack of stock.
 */
final class OrderPlacement {

    private OrderPlacement() {}

    static void requireLinesIn(PlaceOrderCommand command) {
        Set<SkuCode> seen = new HashSet<>();
        for (OrderLine line : command.lines()) {
            if (!line.unitPrice().currency().equals(command.currency())) {
                throw new InvalidOrderException("line " + line.sku() + " is priced in "
                        + line.unitPrice().currency() + " but the order is in " + command.currency());
            }
            if (!seen.add(line.sku())) {
                throw new InvalidOrderException("SKU " + line.sku() + " appears on more than one line; merge them");
            }
        }
    }

    /**
     * The order's price: with the terms of the discount it holds a use of, or else the code looked up in the shop's
     * pricing configuration (a code unknown there is refused).
     */
    static Quote quote(PlaceOrderCommand command, PricingPolicy pricing) {
        String country = command.shippingAddress().country();
        if (command.discount() != null) {
            return pricing.quoteWith(command.lines(), command.currency(), country, DiscountCode.of(command.discount()));
        }
        return pricing.quote(command.lines(), command.currency(), country, command.discountCode());
    }

    /** The order as placed: the command's details with the quote's totals and the discount code it accepted. */
    static OrderPlacedEvent placed(PlaceOrderCommand command, Quote quote) {
        Actor actor = command.customer().isGuest()
                ? Actor.guest(command.orderId().value())
                : Actor.customer(command.customer().customerId());
        return new OrderPlacedEvent(
                command.orderId(),
                command.orderNumber(),
                command.customer(),
                command.lines(),
                quote.totals(),
                command.shippingAddress(),
                command.billingAddress(),
                command.paymentMethod(),
                quote.discountCode(),
                command.notes(),
                command.placedAt(),
                actor);
    }

    /** "out of stock", or "out of stock: " and each short SKU with what was asked and what is available. */
    static String rejectionNote(RejectOrderCommand command) {
        if (command.shortSkus().isEmpty()) {
            return "out of stock";
        }
        return command.shortSkus().stream()
                .map(s -> s.sku() + " (asked " + s.requested() + ", " + s.available() + " available)")
                .collect(Collectors.joining(", ", "out of stock: ", ""));
    }
}
