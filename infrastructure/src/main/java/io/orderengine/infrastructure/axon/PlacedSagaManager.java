package io.orderengine.infrastructure.axon;

import java.util.Objects;
import java.util.Set;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.SagaManagerSpanFactory;

/**
 * An annotated saga manager that hands an event only to the segment that can hold its saga, for saga types whose
 * instances are all started on one association key and never associated with another value of it (the checkout
 * saga and the discount-use saga: {@code orderId}).
 *
 * <p>A pooled streaming processor gives a saga's every event to every segment, because an instance may live in
 * any of them. Each segment then looks up the sagas associated with the event in the saga store and keeps those
 * whose identifier falls in its own range: with four segments, four lookups per event, three of which find
 * nothing they keep, and each segment carries the event in one of its units of work. But Axon creates a saga only in
 * the segment that matches its initial association value ({@code Segment.matches(AssociationValue)}) and gives it an
 * identifier in that same segment. So when every instance was started on {@code key}, the sagas associated with
 * {@code key=v} are all in the one segment that matches {@code key=v}, and the other segments can skip the event
 * without looking. Events that carry any other association value go to every segment as before.
 *
 * <p>This holds as long as segments are not split after sagas were created (a split may put a saga's identifier and
 * its association value on different sides); the engine never splits segments. Merging keeps it.
 */
public class PlacedSagaManager<T> extends AnnotatedSagaManager<T> {

    private final String key;

    protected PlacedSagaManager(Builder<T> builder, String key) {
        super(builder);
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * The manager Axon would build for {@code sagaType} (its repository, handler definition, error handler and span
     * factory from the configuration), placing its instances by {@code key}.
     */
    public static <T> PlacedSagaManager<T> of(Class<T> sagaType, String key, Configuration configuration) {
        EventProcessingConfiguration processing = configuration.eventProcessingConfiguration();
        Builder<T> builder = AnnotatedSagaManager.<T>builder()
                .sagaType(sagaType)
                .sagaRepository(processing.sagaConfiguration(sagaType).repository())
                .parameterResolverFactory(configuration.parameterResolverFactory())
                .handlerDefinition(configuration.handlerDefinition(sagaType))
                .listenerInvocationErrorHandler(
                        processing.listenerInvocationErrorHandler(processing.sagaProcessingGroup(sagaType)))
                .spanFactory(configuration.getComponent(SagaManagerSpanFactory.class));
        return new PlacedSagaManager<>(builder, key);
    }

    @Override
    public boolean canHandle(EventMessage<?> event, Segment segment) {
        return super.canHandle(event, segment) && mayHoldSagaOf(event, segment);
    }

    /** Whether a saga associated with {@code event} can be in {@code segment}, or be created there. */
    boolean mayHoldSagaOf(EventMessage<?> event, Segment segment) {
        if (segment.getMask() == 0) {
            return true;
        }
        Set<AssociationValue> values = extractAssociationValues(event);
        for (AssociationValue value : values) {
            if (!key.equals(value.getKey()) || segment.matches(value)) {
                return true;
            }
        }
        return false;
    }
}
