package io.orderengine.infrastructure.store;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Captures every log event (root logger) while open, for tests that check what the store logs. */
final class StoreLogs implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    StoreLogs() {
        appender.start();
        root.addAppender(appender);
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
        root.detachAppender(appender);
        appender.stop();
    }
}
