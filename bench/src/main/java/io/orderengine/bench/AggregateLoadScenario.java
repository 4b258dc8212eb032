package io.orderengine.bench;

import static io.orderengine.bench.Scenarios.print;

import io.orderengine.command.sku.Sku;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.sku.SkuRegisteredEvent;
import io.orderengine.messages.sku.StockReceivedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/**
 * Scenario (4), aggregate load: the time to load a SKU aggregate with histories of growing length, without a
 * snapshot and with a snapshot plus a few events after it (event processors off, events appended directly).
 */
final class AggregateLoadScenario implements Scenario {

    @Override
    public List<Figure> run(Scenarios bench) throws Exception {
        Scenarios.Options options = bench.options();
        List<Figure> figures = new ArrayList<>();
        try (BenchEngine engine = bench.boot()) {
            engine.bean(EventProcessingConfiguration.class)
                    .eventProcessors()
                    .values()
                    .forEach(EventProcessor::shutDown);
            Configuration axon = engine.bean(Configuration.class);
            EventStorageEngine storage = engine.bean(EventStorageEngine.class);
            EventSourcingRepository<Sku> repository = EventSourcingRepository.builder(Sku.class)
                    .eventStore(axon.eventStore())
                    .parameterResolverFactory(axon.parameterResolverFactory())
                    .handlerDefinition(axon.handlerDefinition(Sku.class))
                    .build();
            AggregateSnapshotter snapshotter = AggregateSnapshotter.builder()
                    .eventStore(axon.eventStore())
                    .aggregateFactories(new GenericAggregateFactory<>(Sku.class))
                    .parameterResolverFactory(axon.parameterResolverFactory())
                    .handlerDefinition(axon.handlerDefinition(Sku.class))
                    .build();
            // JIT warm-up, so the first (smallest) histories are not measured on cold code: loads of a small
            // aggregate without and with a snapshot, not timed
            appendHistory(storage, "LOAD-WARMUP", 50);
            timeLoads(repository, "LOAD-WARMUP", 200);
            snapshotter.scheduleSnapshot(Sku.class, "LOAD-WARMUP");
            appendStock(storage, "LOAD-WARMUP", 50, 5);
            timeLoads(repository, "LOAD-WARMUP", 200);
            for (int size : options.histories()) {
                String id = "LOAD-" + size;
                appendHistory(storage, id, size);
                int repeats = size >= 100_000 ? 3 : size >= 10_000 ? 5 : 20;
                Latencies plain = timeLoads(repository, id, repeats);
                snapshotter.scheduleSnapshot(Sku.class, id);
                // a few events after the snapshot, as in normal operation between snapshot triggers
                appendStock(storage, id, size, 5);
                Latencies snapshotted = timeLoads(repository, id, 50);
                print(
                        "(4) aggregate load",
                        engine,
                        String.format(
                                "history %7d events: without snapshot median %9.2f ms;"
                                        + " with snapshot (+5 events) median %6.2f ms",
                                size, plain.medianMillis(), snapshotted.medianMillis()));
                figures.add(new Figure(size + " events, no snapshot, median ms", plain.medianMillis()));
                figures.add(new Figure(size + " events, snapshot +5, median ms", snapshotted.medianMillis()));
            }
        }
        return figures;
    }

    private static void appendHistory(EventStorageEngine storage, String id, int size) {
        SkuCode sku = new SkuCode(id);
        storage.appendEvents(List.of(new GenericDomainEventMessage<>(
                "Sku", id, 0, new SkuRegisteredEvent(sku, "Load " + id, Money.of(100, "EUR"), 1, Map.of(), null))));
        appendStock(storage, id, 1, size - 1);
    }

    private static void appendStock(EventStorageEngine storage, String id, long fromSequence, int count) {
        SkuCode sku = new SkuCode(id);
        List<DomainEventMessage<?>> commit = new ArrayList<>(1000);
        for (int i = 0; i < count; i++) {
            long sequence = fromSequence + i;
            commit.add(new GenericDomainEventMessage<>(
                    "Sku", id, sequence, new StockReceivedEvent(sku, 1, "received", (int) sequence, (int) sequence)));
            if (commit.size() == 1000) {
                storage.appendEvents(commit);
                commit = new ArrayList<>(1000);
            }
        }
        if (!commit.isEmpty()) {
            storage.appendEvents(commit);
        }
    }

    private static Latencies timeLoads(EventSourcingRepository<Sku> repository, String id, int repeats) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < repeats + 1; i++) {
            long started = System.nanoTime();
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                repository.load(id);
            } finally {
                unitOfWork.rollback();
            }
            if (i > 0) {
                latencies.add(System.nanoTime() - started);
            }
        }
        return latencies;
    }
}
