package io.orderengine.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one logger logs while this is open, kept out of the build's output: for a failure a test causes on purpose,
 * which the code under test rightly logs with its stack trace. The test asserts on {@link #events()} instead.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(String name) {
        logger = (Logger) LoggerFactory.getLogger(name);
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false);
    }

    /** Captures the logger of {@code type}. */
    public static CapturedLog of(Class<?> type) {
        return new CapturedLog(type.getName());
    }

    /** Captures the logger named {@code name}. */
    public static CapturedLog of(String name) {
        return new CapturedLog(name);
    }

    /** The events logged so far. */
    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    /** The formatted messages logged so far. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        logger.setAdditive(true);
        logger.detachAppender(appender);
        appender.stop();
    }
}
