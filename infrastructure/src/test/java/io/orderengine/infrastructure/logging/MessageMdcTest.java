package io.orderengine.infrastructure.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class MessageMdcTest {

    record ShipIt(String orderId, String note) {}

    record RegisterThing(String code) {}

    private final Logger logger = (Logger) LoggerFactory.getLogger("handler");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        MDC.clear();
    }

    @Test
    void aLineWrittenWhileHandlingACommandCarriesItsCorrelationAndOrderIdsWhichAreClearedAfterwards() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.registerHandlerInterceptor(new MessageMdc());
        bus.subscribe(ShipIt.class.getName(), command -> {
            logger.info("shipping");
            return null;
        });
        MDC.put("requestId", "req-outer");

        bus.dispatch(new GenericCommandMessage<>(
                new ShipIt("order-1", "x"), MetaData.from(Map.of("correlationId", "corr-7", "requestId", "req-7"))));

        ILoggingEvent line = appender.list.get(0);
        assertThat(line.getMDCPropertyMap())
                .containsEntry("correlationId", "corr-7")
                .containsEntry("orderId", "order-1")
                .containsEntry("requestId", "req-7");
        assertThat(MDC.get("correlationId")).isNull();
        assertThat(MDC.get("orderId")).isNull();
        assertThat(MDC.get("requestId")).isEqualTo("req-outer");
    }

    @Test
    void theOrderIdOfAnOrderEventIsItsAggregateIdAndOfOtherMessagesTheOneTheirCauseCarried() {
        var orderEvent = new GenericDomainEventMessage<>("Order", "order-2", 3, "payload");
        var skuEvent = new GenericDomainEventMessage<>(
                "Sku", "SKU-1", 0, new RegisterThing("SKU-1"), MetaData.with("orderId", "order-3"));
        var unrelated = new GenericDomainEventMessage<>("Sku", "SKU-1", 0, new RegisterThing("SKU-1"));

        assertThat(MessageMdc.orderIdOf(orderEvent)).isEqualTo("order-2");
        assertThat(MessageMdc.orderIdOf(skuEvent)).isEqualTo("order-3");
        assertThat(MessageMdc.orderIdOf(unrelated)).isNull();
        assertThat(new MessageMdc().correlationDataFor(orderEvent)).isEqualTo(Map.of("orderId", "order-2"));
        assertThat(MessageMdc.correlationIdOf(unrelated)).isEqualTo(unrelated.getIdentifier());
    }

    @Test
    void theJsonFormatterWritesTheIds() {
        MDC.put("correlationId", "corr-9");
        MDC.put("orderId", "order-9");
        logger.info("handled");

        String json = new RedactingJsonFormatter().format(appender.list.get(0));

        assertThat(json).contains("\"correlationId\":\"corr-9\"").contains("\"orderId\":\"order-9\"");
    }
}
