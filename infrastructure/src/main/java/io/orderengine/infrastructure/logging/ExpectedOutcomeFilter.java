package io.orderengine.infrastructure.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Marker;

/**
 * Drops two warnings libraries write about outcomes that are expected, and only those two (everything else those
 * loggers write still reaches the log):
 *
 * <ul>
 *   <li>Axon's {@code AbstractRepository} warns, with the whole stack trace, whenever a command names an aggregate
 *       that does not exist, then throws the {@link AggregateNotFoundException} to the command's sender anyway: the API
 *       answers it 404 and a saga treats it as a rejection. An unknown order id is bad input, not a fault. Other load
 *       failures (a store error) keep their warning.
 *   <li>Axon's {@code CapacityMonitor} registers its {@code *.capacity} gauge again on every message, and Micrometer
 *       (1.14+) warns at the second registration of a gauge. The gauge is registered once and works; other double
 *       registrations keep their warning.
 * </ul>
 */
public final class ExpectedOutcomeFilter extends TurboFilter {

    static final String REPOSITORY = "org.axonframework.modelling.command.AbstractRepository";
    static final String REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN || format == null) {
            return FilterReply.NEUTRAL;
        }
        String name = logger.getName();
        if (REPOSITORY.equals(name) && notFound(t, params)) {
            return FilterReply.DENY;
        }
        if (REGISTRY.equals(name)
                && format.startsWith("This Gauge has been already registered (MeterId{name='")
                && format.contains(".capacity', tags=")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean notFound(Throwable t, Object[] params) {
        if (t instanceof AggregateNotFoundException) {
            return true;
        }
        return params != null && params.length > 0 && params[params.length - 1] instanceof AggregateNotFoundException;
    }
}
