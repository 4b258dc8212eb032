package io.orderengine.command.discount;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.orderengine.messages.discount.ChangeDiscountCommand;
import io.orderengine.messages.discount.ConfirmDiscountUseCommand;
import io.orderengine.messages.discount.CreateDiscountCommand;
import io.orderengine.messages.discount.DiscountChangedEvent;
import io.orderengine.messages.discount.DiscountCreatedEvent;
import io.orderengine.messages.discount.DiscountId;
import io.orderengine.messages.discount.DiscountReservation;
import io.orderengine.messages.discount.DiscountTerms;
import io.orderengine.messages.discount.DiscountUseConfirmedEvent;
import io.orderengine.messages.discount.DiscountUseReleasedEvent;
import io.orderengine.messages.discount.DiscountUseReservedEvent;
import io.orderengine.messages.discount.ReleaseDiscountUseCommand;
import io.orderengine.messages.discount.ReserveDiscountUseCommand;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A discount code and its uses, counted like stock: an order about to be placed holds a use (reserved), the use
 * counts for good when the order is paid (confirmed), and is given back when the order is cancelled before capture,
 * rejected or never placed (released). Reservations are checked against {@link DiscountRules} one at a time on the
 * aggregate, so concurrent checkouts can never take more uses than {@code maxUses} or {@code maxUsesPerCustomer}.
 * Each order's use is remembered, so a re-sent reservation, confirmation or release changes nothing.
 *
 * <p>State lives in plain fields so that a Jackson serializer with field visibility can snapshot it.
 */
public class Discount {

    @AggregateIdentifier
    private DiscountId id;

    private DiscountTerms terms;
    /** Keyed by order id. */
    private Map<String, DiscountUse> uses;
    /** Uses held or made, by customer key. */
    private Map<String, Integer> usesByCustomer;

    private int reserved;
    private int confirmed;

    protected Discount() {}

    /** Creates the code with no uses. A second code with the same id fails in the event store. */
    @CommandHandler
    public Discount(CreateDiscountCommand command) {
        apply(new DiscountCreatedEvent(command.id(), command.terms()));
    }

    /** New terms; the code's uses so far keep counting against the new limits. Unchanged terms change nothing. */
    @CommandHandler
    public void handle(ChangeDiscountCommand command) {
        if (!command.terms().equals(terms)) {
            apply(new DiscountChangedEvent(id, command.terms()));
        }
    }

    /**
     * Holds a use for the order, or refuses with the first rule it breaks. An order holding or having used the code
     * already changes nothing; an order whose use was given back may hold one again, checked anew.
     *
     * @return the terms, and whether this command took the use (not when the order held or had used one already)
     */
    @CommandHandler
    public DiscountReservation handle(ReserveDiscountUseCommand command) {
        DiscountUse use = uses.get(command.orderId().value());
        if (use != null && use.state() != DiscountUse.State.RELEASED) {
            return new DiscountReservation(terms, false);
        }
        DiscountRules.check(
                terms,
                command.at(),
                command.subtotal(),
                reserved + confirmed,
                usesByCustomer.getOrDefault(command.customerKey(), 0));
        DiscountTerms granted = terms;
        apply(new DiscountUseReservedEvent(id, command.orderId(), command.customerKey(), reserved + 1, confirmed));
        return new DiscountReservation(granted, true);
    }

    /** The order was paid. Only a held use is confirmed; anything else changes nothing. */
    @CommandHandler
    public void handle(ConfirmDiscountUseCommand command) {
        DiscountUse use = uses.get(command.orderId().value());
        if (use != null && use.state() == DiscountUse.State.RESERVED) {
            apply(new DiscountUseConfirmedEvent(id, command.orderId(), reserved - 1, confirmed + 1));
        }
    }

    /** Gives a held use back; a confirmed use (a paid order's) is never given back. */
    @CommandHandler
    public void handle(ReleaseDiscountUseCommand command) {
        DiscountUse use = uses.get(command.orderId().value());
        if (use != null && use.state() == DiscountUse.State.RESERVED) {
            apply(new DiscountUseReleasedEvent(id, command.orderId(), command.reason(), reserved - 1, confirmed));
        }
    }

    @EventSourcingHandler
    void on(DiscountCreatedEvent event) {
        id = event.id();
        terms = event.terms();
        uses = new HashMap<>();
        usesByCustomer = new HashMap<>();
    }

    @EventSourcingHandler
    void on(DiscountChangedEvent event) {
        terms = event.terms();
    }

    @EventSourcingHandler
    void on(DiscountUseReservedEvent event) {
        uses.put(event.orderId().value(), new DiscountUse(event.customerKey(), DiscountUse.State.RESERVED));
        usesByCustomer.merge(event.customerKey(), 1, Integer::sum);
        reserved = event.reserved();
        confirmed = event.confirmed();
    }

    @EventSourcingHandler
    void on(DiscountUseConfirmedEvent event) {
        uses.computeIfPresent(event.orderId().value(), (order, use) -> use.to(DiscountUse.State.CONFIRMED));
        reserved = event.reserved();
        confirmed = event.confirmed();
    }

    @EventSourcingHandler
    void on(DiscountUseReleasedEvent event) {
        DiscountUse use =
                uses.computeIfPresent(event.orderId().value(), (order, held) -> held.to(DiscountUse.State.RELEASED));
        if (use != null) {
            usesByCustomer.computeIfPresent(use.customerKey(), (customer, count) -> count > 1 ? count - 1 : null);
        }
        reserved = event.reserved();
        confirmed = event.confirmed();
    }
}
