package io.orderengine.infrastructure.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * One JSON object per line, redacted like the text logs. Turn it on with
 * {@code logging.structured.format.console=io.orderengine.infrastructure.logging.RedactingJsonFormatter}.
 */
public class RedactingJsonFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private final ThrowableProxyConverter throwable = new ThrowableProxyConverter();
    private final JsonWriter<ILoggingEvent> writer = JsonWriter.<ILoggingEvent>of(members -> {
                members.add("time", e -> Instant.ofEpochMilli(e.getTimeStamp()).toString());
                members.add("level", e -> e.getLevel().toString());
                members.add("logger", ILoggingEvent::getLoggerName);
                members.add("thread", ILoggingEvent::getThreadName);
                members.add("requestId", e -> e.getMDCPropertyMap().get("requestId"))
                        .whenNotNull();
                members.add("client", e -> e.getMDCPropertyMap().get("client")).whenNotNull();
                members.add("correlationId", e -> e.getMDCPropertyMap().get(MessageMdc.CORRELATION_ID))
                        .whenNotNull();
                members.add("orderId", e -> e.getMDCPropertyMap().get(MessageMdc.ORDER_ID))
                        .whenNotNull();
                members.add("message", e -> Redactor.redact(e.getFormattedMessage()));
                members.add(
                                "exception",
                                e -> e.getThrowableProxy() == null ? null : Redactor.redact(throwable.convert(e)))
                        .whenNotNull();
            })
            .withNewLineAtEnd();

    public RedactingJsonFormatter() {
        throwable.start();
    }

    @Override
    public String format(ILoggingEvent event) {
        return writer.writeToString(event);
    }
}
