package io.orderengine.infrastructure.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/** A request waits until the processor has committed the handling of its event, and no longer than it is told. */
class ProcessedEventsTest {

    private final ProcessedEvents processed = new ProcessedEvents();
    private final MessageHandlerInterceptor<EventMessage<?>> interceptor = processed.interceptor("order-detail");

    @Test
    void anEventCountsAsHandledOnlyOnceItsUnitOfWorkCommitted() throws Exception {
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event("order-1", 0));
        new DefaultInterceptorChain<>(unitOfWork, java.util.List.of(interceptor), message -> null).proceed();

        assertThat(processed.awaitHandled("order-detail", "order-1", 0, Duration.ZERO))
                .isFalse();
        unitOfWork.commit();
        assertThat(processed.awaitHandled("order-detail", "order-1", 0, Duration.ZERO))
                .isTrue();
    }

    @Test
    void aRolledBackUnitOfWorkIsNotHandled() throws Exception {
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event("order-1", 0));
        new DefaultInterceptorChain<>(unitOfWork, java.util.List.of(interceptor), message -> null).proceed();
        unitOfWork.rollback();

        assertThat(processed.awaitHandled("order-detail", "order-1", 0, Duration.ofMillis(50)))
                .isFalse();
    }

    @Test
    void aLaterSequenceCoversTheEarlierOnesAndOtherProcessorsAreApart() throws Exception {
        handle("order-2", 3);

        assertThat(processed.awaitHandled("order-detail", "order-2", 1, Duration.ZERO))
                .isTrue();
        assertThat(processed.awaitHandled("order-detail", "order-2", 4, Duration.ZERO))
                .isFalse();
        assertThat(processed.awaitHandled("sku-stock", "order-2", 1, Duration.ZERO))
                .isFalse();
    }

    @Test
    void aWaitingRequestWakesWhenTheEventIsHandled() throws Exception {
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return processed.awaitHandled("order-detail", "order-3", 0, Duration.ofMinutes(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        handle("order-3", 0);

        assertThat(waiting.get(5, TimeUnit.MINUTES)).isTrue();
    }

    private void handle(String aggregateId, long sequence) throws Exception {
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event(aggregateId, sequence));
        unitOfWork.executeWithResult(() ->
                new DefaultInterceptorChain<>(unitOfWork, java.util.List.of(interceptor), message -> null).proceed());
    }

    private static EventMessage<?> event(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>("Order", aggregateId, sequence, "payload");
    }
}
