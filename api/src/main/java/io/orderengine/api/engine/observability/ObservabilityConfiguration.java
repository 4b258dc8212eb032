package io.orderengine.api.engine.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderengine.infrastructure.eventstore.MongoGlobalSequenceEventStorageEngine;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/** Processor lag, dead letters and the {@code processors} health contributor (docs/operations.md, "Metrics"). */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    public ProcessorLag processorLag(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            EventStorageEngine storageEngine,
            MeterRegistry registry,
            ProcessorHealthProperties properties) {
        // the engine's own event store finds the head's position with one small read; a head token reads the last
        // 1,000 positions to list its gaps, every sample, idle or not (docs/benchmarks.md, session 20)
        LongSupplier headPosition = storageEngine instanceof MongoGlobalSequenceEventStorageEngine global
                ? global::headPosition
                : () -> ProcessorLag.position(eventStore.createHeadToken());
        return new ProcessorLag(
                () -> {
                    Map<String, StreamingEventProcessor> streaming = new LinkedHashMap<>();
                    processing.eventProcessors().forEach((name, processor) -> {
                        if (processor instanceof StreamingEventProcessor s) {
                            streaming.put(name, s);
                        }
                    });
                    return streaming;
                },
                headPosition,
                () -> {
                    Map<String, SequencedDeadLetterQueue<?>> queues = new LinkedHashMap<>();
                    processing
                            .eventProcessors()
                            .keySet()
                            .forEach(name ->
                                    processing.deadLetterQueue(name).ifPresent(queue -> queues.put(name, queue)));
                    return queues;
                },
                registry,
                properties,
                Clock.systemUTC());
    }

    @Bean
    public ProcessorsHealthIndicator processorsHealthIndicator(
            ProcessorLag processorLag, ProcessorHealthProperties properties) {
        return new ProcessorsHealthIndicator(processorLag, properties, Clock.systemUTC());
    }

    @Bean
    public LagSampler processorLagSampler(ProcessorLag processorLag) {
        return new LagSampler(processorLag);
    }

    /** Measures lag and dead letters on a schedule, so the gauges are fresh between health checks. */
    public static final class LagSampler {
        private final ProcessorLag lag;

        LagSampler(ProcessorLag lag) {
            this.lag = lag;
        }

        @Scheduled(
                initialDelayString = "${engine.health.processors.sample-interval:PT5S}",
                fixedDelayString = "${engine.health.processors.sample-interval:PT5S}")
        public void sample() {
            lag.sample();
        }
    }
}
