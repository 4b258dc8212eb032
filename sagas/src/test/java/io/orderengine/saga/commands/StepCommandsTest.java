package io.orderengine.saga.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StepCommandsTest {

    record Reserve(String sku) {}

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandGateway gateway =
            DefaultCommandGateway.builder().commandBus(bus).build();
    private final StepCommands commands = new StepCommands(gateway, Duration.ofSeconds(10));
    private final List<CommandMessage<?>> handled = new CopyOnWriteArrayList<>();
    private final List<Boolean> insideCallersUnitOfWork = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        commands.close();
    }

    @Test
    void aCommandIsHandledOutsideTheCallersUnitOfWorkAndDoneWhenSendReturns() {
        bus.subscribe(Reserve.class.getName(), message -> {
            handled.add(message);
            insideCallersUnitOfWork.add(CurrentUnitOfWork.get().parent().isPresent());
            return null;
        });

        StepCommands.Outcome outcome =
                inUnitOfWorkOf(Map.of("correlationId", "request-7"), () -> commands.send(new Reserve("MUG")));

        assertThat(outcome.refused()).isFalse();
        assertThat(handled).singleElement().satisfies(message -> {
            assertThat(message.getPayload()).isEqualTo(new Reserve("MUG"));
            assertThat(message.getMetaData()).containsEntry("correlationId", "request-7");
        });
        assertThat(insideCallersUnitOfWork).containsExactly(false);
    }

    @Test
    void aCommandTheDomainRefusesIsReturnedAsARefusalNotThrown() {
        bus.subscribe(Reserve.class.getName(), message -> {
            throw new IllegalArgumentException("unknown SKU");
        });

        StepCommands.Outcome outcome = commands.send(new Reserve("NOPE"));

        assertThat(outcome.refused()).isTrue();
        assertThat(outcome.refusal()).hasMessage("unknown SKU");
    }

    @Test
    void aCommandThatFailsOnTheWayThrowsSoTheStepIsRunAgain() {
        AtomicInteger attempts = new AtomicInteger();
        bus.subscribe(Reserve.class.getName(), message -> {
            attempts.incrementAndGet();
            throw new ConcurrencyException("sequence 7 already inserted");
        });

        assertThatThrownBy(() -> commands.send(new Reserve("MUG")))
                .isInstanceOf(CommandNotDelivered.class)
                .hasMessageContaining("Reserve could not be delivered")
                .hasRootCauseInstanceOf(ConcurrencyException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aCommandThatDoesNotFinishInTimeCountsAsNotDelivered() {
        StepCommands impatient = new StepCommands(gateway, Duration.ofMillis(200));
        CountDownLatch stuck = new CountDownLatch(1);
        bus.subscribe(Reserve.class.getName(), message -> stuck.await(10, TimeUnit.SECONDS));
        try {
            assertThatThrownBy(() -> impatient.send(new Reserve("MUG")))
                    .isInstanceOf(CommandNotDelivered.class)
                    .hasRootCauseInstanceOf(TimeoutException.class);
        } finally {
            stuck.countDown();
            impatient.close();
        }
    }

    @Test
    void refusalsAreTheDomainsOwnExceptionsAndInvalidValuesNotStoreOrConcurrencyFailures() {
        assertThat(CommandFailures.isRejection(new IllegalArgumentException("bad")))
                .isTrue();
        assertThat(CommandFailures.isRejection(new CommandNotDelivered("x", new RuntimeException("y"))))
                .isFalse();
        assertThat(CommandFailures.isRejection(new ConcurrencyException("conflict")))
                .isFalse();
        assertThat(CommandFailures.isRejection(new IllegalStateException("store down")))
                .isFalse();
    }

    private static <T> T inUnitOfWorkOf(Map<String, String> metaData, java.util.function.Supplier<T> work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
                GenericEventMessage.asEventMessage("placed").andMetaData(MetaData.from(metaData)));
        unitOfWork.registerCorrelationDataProvider(new SimpleCorrelationDataProvider("correlationId"));
        try {
            return unitOfWork.executeWithResult(work::get).getPayload();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
