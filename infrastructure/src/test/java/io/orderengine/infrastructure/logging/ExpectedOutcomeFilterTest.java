package io.orderengine.infrastructure.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

class ExpectedOutcomeFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final ExpectedOutcomeFilter filter = new ExpectedOutcomeFilter();

    private FilterReply decide(String logger, Level level, String format, Object... params) {
        Logger target = context.getLogger(logger);
        return filter.decide(null, target, level, format, params, null);
    }

    @Test
    void dropsTheRepositorysWarningAboutAnUnknownAggregateOnly() {
        String format = "Exception occurred while trying to load a aggregate with identifier [{}].";
        assertThat(decide(
                        ExpectedOutcomeFilter.REPOSITORY,
                        Level.WARN,
                        format,
                        "o-1",
                        new AggregateNotFoundException("o-1", "The aggregate was not found in the event store")))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide(
                        ExpectedOutcomeFilter.REPOSITORY,
                        Level.WARN,
                        format,
                        "o-1",
                        new IllegalStateException("the store is down")))
                .as("a real load failure keeps its warning")
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void dropsMicrometersWarningAboutAxonsCapacityGaugeOnly() {
        assertThat(
                        decide(
                                ExpectedOutcomeFilter.REGISTRY,
                                Level.WARN,
                                "This Gauge has been already registered (MeterId{name='commandBus.capacity', tags=[]}), the "
                                        + "registration will be ignored. Note that subsequent logs will be logged at debug level."))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide(
                        ExpectedOutcomeFilter.REGISTRY,
                        Level.WARN,
                        "This Gauge has been already registered (MeterId{name='orders.open', tags=[]}), the "
                                + "registration will be ignored."))
                .as("another double registration keeps its warning")
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide(
                        "io.orderengine.Anything",
                        Level.WARN,
                        "This Gauge has been already registered " + "(MeterId{name='commandBus.capacity', tags=[]})"))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
