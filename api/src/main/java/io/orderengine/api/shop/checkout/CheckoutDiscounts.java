package io.orderengine.api.shop.checkout;

import static io.orderengine.api.idempotency.ClientIdempotency.sha256;

import io.orderengine.command.discount.DiscountRules;
import io.orderengine.command.pricing.DiscountCode;
import io.orderengine.command.pricing.PricingPolicy;
import io.orderengine.command.pricing.Quote;
import io.orderengine.command.pricing.UnknownDiscountCodeException;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.discount.DiscountId;
import io.orderengine.messages.discount.DiscountReservation;
import io.orderengine.messages.discount.DiscountTerms;
import io.orderengine.messages.discount.FindDiscountQuery;
import io.orderengine.messages.discount.ReleaseDiscountUseCommand;
import io.orderengine.messages.discount.ReserveDiscountUseCommand;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.query.discount.DiscountView;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * The discount code of a checkout. A code kept as data (the {@code Discount} aggregate) is reserved for the order
 * before it is placed, which checks its dates, limits, minimum and currency one checkout at a time, so concurrent
 * checkouts never take more uses than allowed; a refusal is a 422 of its own type ({@code discount-used-up}...). A
 * code that is only in the pricing configuration (not seeded yet) is priced by the order as before, without limits.
 * Quotes check the same rules against the admin read model, without holding a use.
 */
@Component
class CheckoutDiscounts {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final PricingPolicy pricing;
    private final Clock clock;

    CheckoutDiscounts(CommandGateway commands, QueryGateway queries, PricingPolicy pricing, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.pricing = pricing;
        this.clock = clock;
    }

    /** A use held for an order: the terms to price it with, and whether this checkout took it (and may give it back). */
    record Held(DiscountId id, DiscountTerms terms, boolean taken) {}

    /**
     * Holds a use of {@code typed} for the order.
     *
     * @return the use, or null when no code was typed or the code is known to the pricing configuration only
     * @throws UnknownDiscountCodeException the shop has no such code
     * @throws io.orderengine.command.discount.DiscountRefusedException the code may not be used on this order
     */
    Held reserve(String typed, OrderId orderId, String customerKey, List<OrderLine> lines, String currency) {
        if (typed == null) {
            return null;
        }
        DiscountId id = idOf(typed);
        try {
            DiscountReservation reservation = commands.sendAndWait(new ReserveDiscountUseCommand(
                    id, orderId, customerKey, subtotal(lines, currency), clock.instant()));
            return new Held(id, reservation.terms(), reservation.taken());
        } catch (AggregateNotFoundException e) {
            // the order prices configured codes itself, and refuses unknown ones (unknown-discount-code)
            pricing.findDiscountCode(typed).orElseThrow(() -> unknown(typed));
            return null;
        }
    }

    /** Gives back a use this checkout took for an order that was not placed after all. */
    void release(Held held, OrderId orderId) {
        if (held != null && held.taken()) {
            commands.sendAndWait(new ReleaseDiscountUseCommand(held.id(), orderId, "checkout failed"));
        }
    }

    /** What identifies a customer for {@code maxUsesPerCustomer}: the signed-in subject, else the e-mail; hashed. */
    static String customerKey(String subject, String email) {
        return sha256(
                subject != null
                        ? "subject:" + subject
                        : "email:" + email.strip().toLowerCase(Locale.ROOT));
    }

    /** Prices {@code lines} as checkout would now, holding nothing: the code's rules are checked as far as known. */
    Quote quote(List<OrderLine> lines, String currency, String country, String typed) {
        if (typed == null) {
            return pricing.quote(lines, currency, country, null);
        }
        DiscountView view = queries.query(
                        new FindDiscountQuery(idOf(typed)), ResponseTypes.instanceOf(DiscountView.class))
                .join();
        if (view == null) {
            return pricing.quote(lines, currency, country, typed);
        }
        DiscountTerms terms = view.terms();
        DiscountRules.check(
                terms, clock.instant(), subtotal(lines, currency), view.usesReserved() + view.usesConfirmed(), 0);
        return pricing.quoteWith(lines, currency, country, DiscountCode.of(terms));
    }

    private static DiscountId idOf(String typed) {
        if (!DiscountId.isValid(typed)) {
            throw unknown(typed);
        }
        return DiscountId.of(typed);
    }

    private static UnknownDiscountCodeException unknown(String typed) {
        return new UnknownDiscountCodeException(typed, "unknown discount code '" + typed.strip() + "'");
    }

    private static Money subtotal(List<OrderLine> lines, String currency) {
        Money subtotal = Money.zero(currency);
        for (OrderLine line : lines) {
            subtotal = subtotal.plus(line.lineTotal());
        }
        return subtotal;
    }
}
