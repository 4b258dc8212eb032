package io.orderengine.infrastructure.store;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event (root logger, or one logger) while open, for tests that check what the store logs. */
final class StoreLogs implements AutoCloseable {

    private final Logger root;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    StoreLogs() {
        this(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private StoreLogs(String logger) {
        root = (Logger) LoggerFactory.getLogger(logger);
        appender.start();
        root.addAppender(appender);
    }

    /**
     * Captures what {@code logger} logs while open and keeps it out of the build's output: for a failure a test
     * causes on purpose, which the store logs with its stack trace.
     */
    static StoreLogs keptFromOutput(String logger) {
        StoreLogs logs = new StoreLogs(logger);
        logs.root.setAdditive(false);
        return logs;
    }

    /** The formatted messages logged so far that contain {@code text} (ignoring case). */
    List<String> containing(String text) {
        synchronized (appender.list) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(message -> message != null && message.toLowerCase().contains(text.toLowerCase()))
                    .toList();
        }
    }

    @Override
    public void close() {
        root.setAdditive(true);
        root.detachAppender(appender);
        appender.stop();
    }
}
