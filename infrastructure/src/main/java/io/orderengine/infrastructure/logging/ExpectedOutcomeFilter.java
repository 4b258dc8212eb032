package io.orderengine.infrastructure.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Drops three kinds of messages libraries write about outcomes that are expected, and only those three (everything else those
 * loggers write still reaches the log):
 *
 * <ul>
 *   <li>Axon's {@code AbstractRepository} warns, with the whole stack trace, whenever a command names an aggregate
 *       that does not exist, then throws the {@link AggregateNotFoundException} to the command's sender anyway: the API
 *       answers it 404 and a saga treats it as a rejection. An unknown order id is bad input, not a fault. Other load
 *       failures (a store error) keep their warning.
 *   <li>Axon's {@code CapacityMonitor} and {@code EventProcessorLatencyMonitor} register their {@code *.capacity} and
 *       {@code *.latency} gauges again on every message, and Micrometer (1.14+) warns at the first second registration
 *       of a gauge (then only at debug level). Each gauge is registered once and works; other double registrations keep
 *       their warning. (Only the capacity gauge was dropped before: a processor's latency gauge registered again before
 *       any capacity gauge was, as on a restart with events to catch up on, warned once.)
 *   <li>The embedded store's server (mongo-java-server's {@code MongoExceptionHandler}) logs an ERROR with the whole
 *       stack trace when a client's connection breaks, as it does whenever a process using the store stops without
 *       closing its connections (another instance of a cluster killed, a crash). It closes that connection and
 *       nothing else is wrong; one WARN line without a trace says so instead. Any other exception it catches keeps
 *       its ERROR.
 * </ul>
 */
public final class ExpectedOutcomeFilter extends TurboFilter {

    static final String REPOSITORY = "org.axonframework.modelling.command.AbstractRepository";
    static final String REGISTRY = "io.micrometer.core.instrument.MeterRegistry";
    static final String STORE_SERVER = "de.bwaldvogel.mongo.wire.MongoExceptionHandler";

    /** Where the one line about a broken store connection goes. */
    private static final org.slf4j.Logger STORE_LOG = LoggerFactory.getLogger("io.orderengine.infrastructure.store");

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == Level.ERROR && STORE_SERVER.equals(logger.getName())) {
            return connectionBroke(t, params);
        }
        if (level != Level.WARN || format == null) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        if (REPOSITORY.equals(name) && notFound(t, params)) {
            return FilterReply.DENY;
        }
        if (REGISTRY.equals(name)
                && format.startsWith("This Gauge has been already registered (MeterId{name='")
                && (format.contains(".capacity', tags=") || format.contains(".latency', tags="))) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean notFound(Throwable t, Object[] params) {
        return thrown(t, params) instanceof AggregateNotFoundException;
    }

    private static FilterReply connectionBroke(Throwable t, Object[] params) {
        if (!(thrown(t, params) instanceof IOException broken)) {
            return FilterReply.NEUTRAL;
        }
        Object client = params != null && params.length > 1 ? params[0] : "?";
        STORE_LOG.warn("embedded store: the connection of client {} broke ({}); closed", client, broken.toString());
        return FilterReply.DENY;
    }

    /** The throwable of a log call: given apart, or (SLF4J's convention) as the last parameter. */
    private static Object thrown(Throwable t, Object[] params) {
        if (t != null) {
            return t;
        }
        return params != null && params.length > 0 ? params[params.length - 1] : null;
    }
}
