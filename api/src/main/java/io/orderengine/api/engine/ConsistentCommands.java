package io.orderengine.api.engine;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderengine.infrastructure.pipeline.OtherInstancesProgress;
import io.orderengine.infrastructure.pipeline.PipelineProperties;
import io.orderengine.infrastructure.pipeline.ProcessedEvents;
import io.orderengine.infrastructure.pipeline.WriteCapture;
import io.orderengine.infrastructure.pipeline.WriteCapture.Written;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The command gateway of the web adapter: sends a command, and before answering waits (bounded) until the read models
 * that serve the next request have handled the events the command appended, so a client reads its own writes: an
 * order answered 201 is readable and in its owner's history, a SKU registered is for sale, a price change is what the
 * next checkout charges, a cancel or refund shows in the next read.
 *
 * <p>The processors waited for are those {@link ProcessingGroups#table marked} {@code readYourWrites} that handle the
 * event's type. A segment this instance holds is waited for in memory ({@link ProcessedEvents}); in a cluster, a
 * segment another instance holds is waited for through the token that instance stores once it has handled the event
 * ({@link OtherInstancesProgress}). Either wait ends at {@code engine.pipeline.read-your-writes} at the latest, and the
 * request answers anyway (docs/architecture.md).
 */
@Component
public class ConsistentCommands {

    private static final Logger log = LoggerFactory.getLogger(ConsistentCommands.class);
    /** Writes answered before a read model had shown them (the wait reached its bound), by processing group. */
    public static final String UNSEEN_METER = "orderengine.read_your_writes.unseen";

    private final CommandGateway gateway;
    private final ProcessedEvents processed;
    private final EventProcessingConfiguration processing;
    private final PipelineProperties pipeline;
    private final OtherInstancesProgress otherInstances;
    private final EventStore events;
    private final MeterRegistry meters;
    private final List<String> readModels;

    ConsistentCommands(
            CommandGateway gateway,
            ProcessedEvents processed,
            EventProcessingConfiguration processing,
            PipelineProperties pipeline,
            EventStore events,
            ObjectProvider<OtherInstancesProgress> otherInstances,
            ObjectProvider<MeterRegistry> meters,
            @Value("${engine.cluster.enabled:false}") boolean clustered) {
        this.gateway = gateway;
        this.processed = processed;
        this.processing = processing;
        this.pipeline = pipeline;
        this.events = events;
        this.otherInstances = clustered ? otherInstances.getIfAvailable() : null;
        this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
        this.readModels = ProcessingGroups.readYourWritesGroups();
    }

    /** Sends the command, waits for its result, then for the read models to show what it wrote. */
    public <R> R sendAndWait(Object command) {
        WriteCapture.Captured<R> captured = WriteCapture.capture(() -> gateway.sendAndWait(command));
        awaitReadModels(captured.written());
        return captured.result();
    }

    /**
     * As {@link #sendAndWait}, for a command another part of the engine may send too with the same change id (the
     * units an order edit removed go back from the API and from the edit's event handler; a SKU applies a change once).
     * When this command changed nothing on {@code aggregateId} because the other got there first, the wait is for the
     * aggregate's latest event instead, so the change shows in the next read either way.
     */
    public <R> R sendAndWaitSeeing(Object command, String aggregateId) {
        WriteCapture.Captured<R> captured = WriteCapture.capture(() -> gateway.sendAndWait(command));
        List<Written> written = captured.written();
        if (written.stream().noneMatch(event -> event.aggregateId().equals(aggregateId))) {
            written = new ArrayList<>(written);
            latest(aggregateId).ifPresent(written::add);
        }
        awaitReadModels(written);
        return captured.result();
    }

    private Optional<Written> latest(String aggregateId) {
        return events.lastSequenceNumberFor(aggregateId)
                .flatMap(sequence ->
                        events.readEvents(aggregateId, sequence).asStream().reduce((first, second) -> second))
                .map(event -> new Written(aggregateId, event.getSequenceNumber(), event.getPayloadType()));
    }

    private void awaitReadModels(List<Written> written) {
        if (written.isEmpty() || pipeline.readYourWrites().isZero()) {
            return;
        }
        for (String readModel : readModels) {
            EventHandlerInvoker invoker = invoker(readModel);
            if (invoker == null) {
                continue;
            }
            Map<String, Long> awaited = new HashMap<>();
            for (Written event : written) {
                if (invoker.canHandleType(event.payloadType())) {
                    awaited.merge(event.aggregateId(), event.sequence(), Math::max);
                }
            }
            for (Map.Entry<String, Long> entry : awaited.entrySet()) {
                try {
                    if (!awaitHandled(readModel, entry.getKey(), entry.getValue())) {
                        meters.counter(UNSEEN_METER, "group", readModel).increment();
                        log.debug(
                                "{} had not handled {}#{} within {}",
                                readModel,
                                entry.getKey(),
                                entry.getValue(),
                                pipeline.readYourWrites());
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean awaitHandled(String readModel, String aggregateId, long sequence) throws InterruptedException {
        if (otherInstances != null && !heldHere(readModel, aggregateId)) {
            return otherInstances.awaitHandled(readModel, aggregateId, sequence, pipeline.readYourWrites());
        }
        return processed.awaitHandled(readModel, aggregateId, sequence, pipeline.readYourWrites());
    }

    /** Whether this instance's processor holds the segment that handles the aggregate (events sequenced per aggregate). */
    private boolean heldHere(String processorName, String aggregateId) {
        return processing
                .eventProcessor(processorName, StreamingEventProcessor.class)
                .map(processor -> processor.processingStatus().values().stream()
                        .anyMatch(status -> status.getSegment().matches(aggregateId)))
                .orElse(true);
    }

    private EventHandlerInvoker invoker(String processorName) {
        return processing
                .eventProcessor(processorName)
                .filter(AbstractEventProcessor.class::isInstance)
                .map(processor -> ((AbstractEventProcessor) processor).eventHandlerInvoker())
                .orElse(null);
    }
}
