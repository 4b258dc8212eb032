package io.orderengine.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.modelling.saga.repository.AnnotatedSagaRepository;
import org.axonframework.modelling.saga.repository.inmemory.InMemorySagaStore;
import org.junit.jupiter.api.Test;

/**
 * With four segments, an event of a saga placed by {@code orderId} goes to exactly one segment: the one where Axon
 * creates that order's saga and where every later event of the order finds it. The segments it skips are exactly
 * those where Axon's own manager, given the event, would find no saga and create none. Events associated by any
 * other key still go everywhere.
 */
class PlacedSagaManagerTest {

    private static final List<Segment> FOUR = Segment.splitBalanced(Segment.ROOT_SEGMENT, 3);

    private final InMemorySagaStore store = new InMemorySagaStore();
    private final AnnotatedSagaRepository<OrderSaga> repository = AnnotatedSagaRepository.<OrderSaga>builder()
            .sagaType(OrderSaga.class)
            .sagaStore(store)
            .build();
    private final PlacedSagaManager<OrderSaga> placed = new PlacedSagaManager<>(
            AnnotatedSagaManager.<OrderSaga>builder().sagaType(OrderSaga.class).sagaRepository(repository), "orderId");
    private final AnnotatedSagaManager<OrderSaga> plain = AnnotatedSagaManager.<OrderSaga>builder()
            .sagaType(OrderSaga.class)
            .sagaRepository(repository)
            .build();

    @Test
    void anOrdersEventsGoToTheOneSegmentThatCreatesAndHoldsItsSaga() throws Exception {
        assertThat(FOUR).hasSize(4);
        for (int n = 0; n < 40; n++) {
            String orderId = UUID.randomUUID().toString();
            EventMessage<?> started = GenericEventMessage.asEventMessage(new Started(orderId));
            List<Segment> taking =
                    FOUR.stream().filter(s -> placed.canHandle(started, s)).toList();
            assertThat(taking).as("segments given the start of %s", orderId).hasSize(1);
            Segment home = taking.get(0);
            handle(placed, started, home);

            Set<String> sagas = store.findSagas(OrderSaga.class, new AssociationValue("orderId", orderId));
            assertThat(sagas).hasSize(1);
            assertThat(home.matches(sagas.iterator().next()))
                    .as("the saga's id is in its segment")
                    .isTrue();

            EventMessage<?> step = GenericEventMessage.asEventMessage(new Step(orderId));
            for (Segment segment : FOUR) {
                if (segment.equals(home)) {
                    assertThat(placed.canHandle(step, segment)).isTrue();
                } else {
                    assertThat(placed.canHandle(step, segment)).isFalse();
                    // Axon's own manager, given the event in a skipped segment, finds nothing there
                    handle(plain, step, segment);
                    assertThat(OrderSaga.STEPS.getOrDefault(orderId, 0)).isZero();
                }
            }
            handle(placed, step, home);
            assertThat(OrderSaga.STEPS.get(orderId)).isEqualTo(1);
        }
    }

    @Test
    void aStartInASkippedSegmentWouldNotHaveCreatedASagaEither() throws Exception {
        String orderId = UUID.randomUUID().toString();
        EventMessage<?> started = GenericEventMessage.asEventMessage(new Started(orderId));
        for (Segment segment : FOUR) {
            if (!placed.canHandle(started, segment)) {
                handle(plain, started, segment);
            }
        }

        assertThat(store.findSagas(OrderSaga.class, new AssociationValue("orderId", orderId)))
                .isEmpty();
    }

    @Test
    void eventsAssociatedByAnotherKeyGoToEverySegmentAndTheRootTakesAll() {
        EventMessage<?> paid = GenericEventMessage.asEventMessage(new Paid("payment-1"));
        assertThat(FOUR)
                .allSatisfy(
                        segment -> assertThat(placed.canHandle(paid, segment)).isTrue());

        EventMessage<?> step = GenericEventMessage.asEventMessage(new Step("order-1"));
        assertThat(placed.canHandle(step, Segment.ROOT_SEGMENT)).isTrue();
        EventMessage<?> unrelated = GenericEventMessage.asEventMessage("not a saga event");
        assertThat(FOUR)
                .noneSatisfy(segment ->
                        assertThat(placed.canHandle(unrelated, segment)).isTrue());
    }

    private static void handle(AnnotatedSagaManager<OrderSaga> manager, EventMessage<?> event, Segment segment)
            throws Exception {
        DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> {
            manager.handle(event, segment);
            return null;
        });
    }

    record Started(String orderId) {}

    record Step(String orderId) {}

    record Paid(String paymentId) {}

    /** Counts the steps each order's saga was given. */
    public static class OrderSaga {

        static final Map<String, Integer> STEPS = new ConcurrentHashMap<>();

        @StartSaga
        @SagaEventHandler(associationProperty = "orderId")
        public void on(Started event) {}

        @SagaEventHandler(associationProperty = "orderId")
        public void on(Step event) {
            STEPS.merge(event.orderId(), 1, Integer::sum);
        }

        @SagaEventHandler(associationProperty = "paymentId")
        public void on(Paid event) {}
    }
}
