package io.orderengine.infrastructure.logging;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the correlation id, the order id and the request id of the message being handled into the logging MDC, so
 * every line a command handler, event processor or saga writes while handling it names them; the previous values are
 * put back afterwards (a command handled on the web request's thread keeps the request's MDC). Registered on the
 * command bus and on every event processor; as a {@link CorrelationDataProvider} it also copies the order id into the
 * metadata of every message the handled one causes (a stock reservation sent by the saga for an order carries it).
 */
public final class MessageMdc implements MessageHandlerInterceptor<Message<?>>, CorrelationDataProvider {

    public static final String CORRELATION_ID = "correlationId";
    public static final String ORDER_ID = "orderId";
    public static final String REQUEST_ID = "requestId";

    private static final String ORDER_AGGREGATE = "Order";
    private static final Map<Class<?>, Optional<Method>> ORDER_ID_ACCESSORS = new ConcurrentHashMap<>();

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        Map<String, String> previous = new HashMap<>();
        for (String key : new String[] {CORRELATION_ID, ORDER_ID, REQUEST_ID}) {
            previous.put(key, MDC.get(key));
        }
        put(CORRELATION_ID, correlationIdOf(message));
        put(ORDER_ID, orderIdOf(message));
        Object requestId = message.getMetaData().get(REQUEST_ID);
        if (requestId != null) {
            put(REQUEST_ID, requestId.toString());
        }
        try {
            return chain.proceed();
        } finally {
            previous.forEach(MessageMdc::put);
        }
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        String orderId = orderIdOf(message);
        return orderId == null ? Map.of() : Map.of(ORDER_ID, orderId);
    }

    /** The message's correlation id (Axon's: the id of the message that started the chain), else its own id. */
    public static String correlationIdOf(Message<?> message) {
        Object correlationId = message.getMetaData().get(CORRELATION_ID);
        return correlationId != null ? correlationId.toString() : message.getIdentifier();
    }

    /**
     * The order a message is about: the {@code orderId} of its payload (every order command and event has one), an
     * order aggregate's event's aggregate id, or the order id its cause carried in the metadata; {@code null} for
     * messages about no order (a SKU registered by an admin).
     */
    public static String orderIdOf(Message<?> message) {
        Object payload = message.getPayload();
        if (payload != null) {
            Optional<Method> accessor =
                    ORDER_ID_ACCESSORS.computeIfAbsent(payload.getClass(), MessageMdc::orderIdAccessor);
            if (accessor.isPresent()) {
                try {
                    Object value = accessor.get().invoke(payload);
                    if (value != null) {
                        return value.toString();
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // fall through to the other sources
                }
            }
        }
        if (message instanceof DomainEventMessage<?> event && ORDER_AGGREGATE.equals(event.getType())) {
            return event.getAggregateIdentifier();
        }
        Object fromCause = message.getMetaData().get(ORDER_ID);
        return fromCause == null ? null : fromCause.toString();
    }

    private static Optional<Method> orderIdAccessor(Class<?> type) {
        if (!type.isRecord()) {
            return Optional.empty();
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(ORDER_ID)) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                return Optional.of(accessor);
            }
        }
        return Optional.empty();
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
