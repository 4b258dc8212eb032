package io.orderengine.infrastructure.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import java.net.SocketException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

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
    void dropsMicrometersWarningAboutAxonsCapacityAndLatencyGaugesOnly() {
        assertThat(
                        decide(
                                ExpectedOutcomeFilter.REGISTRY,
                                Level.WARN,
                                "This Gauge has been already registered (MeterId{name='commandBus.capacity', tags=[]}), the "
                                        + "registration will be ignored. Note that subsequent logs will be logged at debug level."))
                .isEqualTo(FilterReply.DENY);
        assertThat(
                        decide(
                                ExpectedOutcomeFilter.REGISTRY,
                                Level.WARN,
                                "This Gauge has been already registered (MeterId{name='returns.latency', tags=[]}), the "
                                        + "registration will be ignored. Note that subsequent logs will be logged at debug level."))
                .as("a processor's latency gauge, registered again on every message as the capacity gauge")
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

    @Test
    void turnsTheStoreServersErrorAboutABrokenConnectionIntoOneWarningLine() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Logger store = (Logger) LoggerFactory.getLogger("io.orderengine.infrastructure.store");
        store.addAppender(lines);
        try {
            assertThat(decide(
                            ExpectedOutcomeFilter.STORE_SERVER,
                            Level.ERROR,
                            "exception for client {}",
                            "edf4ae2c",
                            new SocketException("Connection reset")))
                    .isEqualTo(FilterReply.DENY);
            assertThat(lines.list).singleElement().satisfies(line -> {
                assertThat(line.getLevel()).isEqualTo(Level.WARN);
                assertThat(line.getFormattedMessage())
                        .isEqualTo("embedded store: the connection of client edf4ae2c broke"
                                + " (java.net.SocketException: Connection reset); closed");
                assertThat(line.getThrowableProxy()).isNull();
            });
        } finally {
            store.detachAppender(lines);
        }
        assertThat(decide(
                        ExpectedOutcomeFilter.STORE_SERVER,
                        Level.ERROR,
                        "exception for client {}",
                        "edf4ae2c",
                        new IllegalStateException("a broken document")))
                .as("anything else the server catches keeps its error")
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
