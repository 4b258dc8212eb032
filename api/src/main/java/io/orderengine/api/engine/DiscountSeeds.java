package io.orderengine.api.engine;

import io.orderengine.command.pricing.DiscountCode;
import io.orderengine.command.pricing.PricingPolicy;
import io.orderengine.messages.discount.CreateDiscountCommand;
import io.orderengine.messages.discount.DiscountTerms;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The discount codes of the pricing configuration ({@code engine.pricing.discount-codes}) are the seed of the codes
 * kept as data: at start-up each one that does not exist yet is created (no dates, no limits, active). A code that
 * exists already is left as it is, so what an admin changed survives restarts; removing a code from the configuration
 * does not delete it (deactivate it instead).
 */
@Component
class DiscountSeeds implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DiscountSeeds.class);

    private final PricingPolicy pricing;
    private final CommandGateway commands;
    private final EventStore events;

    DiscountSeeds(PricingPolicy pricing, CommandGateway commands, EventStore events) {
        this.pricing = pricing;
        this.commands = commands;
        this.events = events;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DiscountCode code : pricing.discountCodes()) {
            DiscountTerms terms = code.terms();
            if (events.lastSequenceNumberFor(terms.id().value()).isPresent()) {
                continue; // created at an earlier start: the data copy wins
            }
            try {
                commands.sendAndWait(new CreateDiscountCommand(terms.id(), terms));
                log.info("discount code {} created from the pricing configuration", terms.code());
            } catch (AggregateStreamCreationException | ConcurrencyException exists) {
                // created by another instance starting at the same time
            }
        }
    }
}
