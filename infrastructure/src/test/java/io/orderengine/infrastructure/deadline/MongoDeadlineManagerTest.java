package io.orderengine.infrastructure.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.orderengine.testkit.CapturedLog;
import io.orderengine.testkit.InMemoryMongo;
import io.orderengine.testkit.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.SagaScopeDescriptor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoDeadlineManagerTest {

    /** A deadline payload as a saga might schedule it. */
    record Reminder(String orderId, int attempt) {}

    private static final ScopeDescriptor SAGA = new SagaScopeDescriptor("CheckoutSaga", "saga-1");
    private static final ScopeDescriptor OTHER_SAGA = new SagaScopeDescriptor("CheckoutSaga", "saga-2");
    private static final MongoDeadlineManager.Options OPTIONS =
            new MongoDeadlineManager.Options(Duration.ofMillis(50), Duration.ofMinutes(5), Duration.ofSeconds(10), 3);

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final RecordingScope scope = new RecordingScope();
    private InMemoryMongo mongo;
    private MongoDeadlineManager manager;

    @BeforeEach
    void setUp() {
        mongo = InMemoryMongo.start();
        manager = newManager(clock);
    }

    @AfterEach
    void tearDown() {
        manager.shutdown();
        mongo.close();
    }

    @Test
    void aDeadlineIsDeliveredToItsScopeWithItsPayloadOnceItIsDue() {
        manager.schedule(Duration.ofMinutes(30), "payment", new Reminder("o-1", 1), SAGA);

        assertThat(manager.deliverDueDeadlines()).isZero();
        clock.advance(Duration.ofMinutes(30));
        assertThat(manager.deliverDueDeadlines()).isEqualTo(1);

        assertThat(scope.delivered).singleElement().satisfies(delivery -> {
            assertThat(delivery.scope()).isEqualTo(SAGA);
            assertThat(delivery.message().getDeadlineName()).isEqualTo("payment");
            assertThat(delivery.message().getPayload()).isEqualTo(new Reminder("o-1", 1));
        });
        assertThat(stored().countDocuments()).isZero();
    }

    @Test
    void aDeadlineCancelledWhileItIsBeingDeliveredArrivesNamingTheScheduleTheScopeNoLongerHolds() {
        String first = manager.schedule(clock.instant(), "payment", null, SAGA);
        // the scope handles a message that moves the deadline while this one waits to be delivered to it
        scope.onDelivery = () -> {
            manager.cancelSchedule("payment", first);
            scope.current = manager.schedule(Duration.ofMinutes(30), "payment", null, SAGA);
        };

        assertThat(manager.deliverDueDeadlines()).isEqualTo(1);

        assertThat(scope.delivered)
                .singleElement()
                .satisfies(
                        delivery -> assertThat(delivery.message().getMetaData().get(MongoDeadlineManager.SCHEDULE_ID))
                                .as("the schedule the delivered deadline came from")
                                .isEqualTo(first)
                                .isNotEqualTo(scope.current));
        clock.advance(Duration.ofMinutes(30));
        scope.onDelivery = () -> {};
        assertThat(manager.deliverDueDeadlines()).isEqualTo(1);
        assertThat(scope.delivered.get(1).message().getMetaData().get(MongoDeadlineManager.SCHEDULE_ID))
                .isEqualTo(scope.current);
    }

    @Test
    void aDeadlineWithoutPayloadIsDeliveredWithoutOne() {
        manager.schedule(clock.instant(), "payment", null, SAGA);

        manager.deliverDueDeadlines();

        assertThat(scope.delivered)
                .singleElement()
                .satisfies(
                        delivery -> assertThat(delivery.message().getPayload()).isNull());
    }

    @Test
    void aDeadlineScheduledBeforeARestartIsDeliveredByTheNextEngine() {
        manager.schedule(Duration.ofMinutes(30), "payment", new Reminder("o-1", 1), SAGA);
        manager.shutdown();
        clock.advance(Duration.ofHours(2));

        MongoDeadlineManager restarted = newManager(Clock.fixed(clock.instant(), clock.getZone()));
        restarted.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> scope.delivered.size() == 1);
        } finally {
            restarted.shutdown();
        }
        assertThat(scope.delivered.get(0).message().getPayload()).isEqualTo(new Reminder("o-1", 1));
    }

    @Test
    void theSchedulerDeliversADeadlineAtItsTriggerTime() {
        MongoDeadlineManager running = newManager(Clock.systemUTC());
        running.start();
        try {
            running.schedule(Duration.ofMillis(100), "payment", new Reminder("o-1", 1), SAGA);
            await().atMost(Duration.ofSeconds(5)).until(() -> scope.delivered.size() == 1);
        } finally {
            running.shutdown();
        }
    }

    @Test
    void anEngineStoppingBeforeADeadlineIsDueLeavesItStoredForTheNextOneInsteadOfWaitingToDeliverIt() {
        MongoDeadlineManager stopping = new MongoDeadlineManager(
                mongo.database(),
                descriptor -> Stream.of(scope),
                serializer,
                Clock.systemUTC(),
                OPTIONS.pollingEvery(Duration.ofSeconds(10)));
        stopping.start();
        // due within the poll interval: a wake-up at its time is planned
        stopping.schedule(Duration.ofSeconds(3), "payment", new Reminder("o-1", 1), SAGA);

        stopping.shutdown();

        assertThat(scope.delivered).as("nothing delivered while stopping").isEmpty();
        assertThat(stored().countDocuments()).isEqualTo(1);
        MongoDeadlineManager next = newManager(Clock.systemUTC());
        next.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> scope.delivered.size() == 1);
        } finally {
            next.shutdown();
        }
    }

    @Test
    void aDeadlineAnotherEngineScheduledIsDeliveredAtItsTimeNotAtTheNextPoll() {
        MongoDeadlineManager polling = new MongoDeadlineManager(
                mongo.database(),
                descriptor -> Stream.of(scope),
                serializer,
                Clock.systemUTC(),
                OPTIONS.pollingEvery(Duration.ofSeconds(10)));
        MongoDeadlineManager other = newManager(Clock.systemUTC());
        other.schedule(Duration.ofMillis(1500), "payment", new Reminder("o-1", 1), SAGA);
        polling.start();
        try {
            // the first poll, at start, finds nothing due and wakes up at the deadline; the next poll is 10 s away
            await().atMost(Duration.ofSeconds(6)).until(() -> scope.delivered.size() == 1);
        } finally {
            polling.shutdown();
        }
    }

    @Test
    void aCancelledDeadlineIsNeverDelivered() {
        String id = manager.schedule(Duration.ofMinutes(30), "payment", null, SAGA);

        manager.cancelSchedule("payment", id);
        clock.advance(Duration.ofHours(1));

        assertThat(manager.deliverDueDeadlines()).isZero();
        assertThat(scope.delivered).isEmpty();
    }

    @Test
    void cancellingWithinAScopeLeavesOtherScopesAndNamesAlone() {
        manager.schedule(Duration.ofMinutes(1), "payment", null, SAGA);
        manager.schedule(Duration.ofMinutes(1), "payment", null, OTHER_SAGA);
        manager.schedule(Duration.ofMinutes(1), "capture", null, SAGA);

        manager.cancelAllWithinScope("payment", SAGA);
        clock.advance(Duration.ofMinutes(1));
        manager.deliverDueDeadlines();

        assertThat(scope.delivered)
                .extracting(d -> d.message().getDeadlineName() + "@" + d.scope())
                .containsExactlyInAnyOrder("payment@" + OTHER_SAGA, "capture@" + SAGA);
    }

    @Test
    void cancellingAllOfANameCancelsThemInEveryScope() {
        manager.schedule(Duration.ofMinutes(1), "payment", null, SAGA);
        manager.schedule(Duration.ofMinutes(1), "payment", null, OTHER_SAGA);

        manager.cancelAll("payment");
        clock.advance(Duration.ofMinutes(1));

        assertThat(manager.deliverDueDeadlines()).isZero();
    }

    @Test
    void aDeadlineScheduledInAUnitOfWorkThatRollsBackIsNotKept() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        manager.schedule(Duration.ofMinutes(1), "payment", null, SAGA);
        assertThat(stored().countDocuments()).isZero();
        unitOfWork.rollback();

        assertThat(stored().countDocuments()).isZero();
    }

    @Test
    void aDeadlineScheduledInAUnitOfWorkIsKeptWhenItCommits() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        manager.schedule(Duration.ofMinutes(1), "payment", null, SAGA);
        unitOfWork.commit();

        assertThat(stored().countDocuments()).isEqualTo(1);
    }

    @Test
    void anEventHandledAgainAfterACrashSchedulesItsDeadlineOnceNotTwice() {
        EventMessage<?> placed = GenericEventMessage.asEventMessage(new Reminder("o-1", 1));
        String first = scheduledWhileHandling(placed, Duration.ofMinutes(30));
        // the engine that handled it died before its token moved on: another handles the same event again
        String again = scheduledWhileHandling(placed, Duration.ofMinutes(30));

        assertThat(again).isEqualTo(first);
        assertThat(stored().countDocuments()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(31));
        assertThat(manager.deliverDueDeadlines()).isEqualTo(1);
        assertThat(scope.delivered).hasSize(1);
    }

    @Test
    void deadlinesScheduledWhileHandlingDifferentEventsOrTwiceInOneHandlingAreAllKept() {
        EventMessage<?> placed = GenericEventMessage.asEventMessage(new Reminder("o-1", 1));
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(placed);
        String payment = manager.schedule(Duration.ofMinutes(30), "payment", null, SAGA);
        String paymentAgain = manager.schedule(Duration.ofMinutes(40), "payment", null, SAGA);
        String otherScope = manager.schedule(Duration.ofMinutes(30), "payment", null, OTHER_SAGA);
        String otherName = manager.schedule(Duration.ofMinutes(30), "capture", null, SAGA);
        unitOfWork.commit();
        String otherEvent = scheduledWhileHandling(
                GenericEventMessage.asEventMessage(new Reminder("o-1", 2)), Duration.ofMinutes(30));

        assertThat(List.of(payment, paymentAgain, otherScope, otherName, otherEvent))
                .doesNotHaveDuplicates();
        assertThat(stored().countDocuments()).isEqualTo(5);
    }

    private String scheduledWhileHandling(EventMessage<?> event, Duration after) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        String id = manager.schedule(after, "payment", null, SAGA);
        unitOfWork.commit();
        return id;
    }

    @Test
    void twoEnginesPollingTheSameStoreDeliverEachDeadlineOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            manager.schedule(Duration.ofMinutes(1), "payment", new Reminder("o-" + i, 1), SAGA);
        }
        clock.advance(Duration.ofMinutes(1));
        MongoDeadlineManager other = newManager(clock);
        CountDownLatch start = new CountDownLatch(1);

        CompletableFuture<Integer> first =
                CompletableFuture.supplyAsync(() -> awaitThen(start, manager::deliverDueDeadlines));
        CompletableFuture<Integer> second =
                CompletableFuture.supplyAsync(() -> awaitThen(start, other::deliverDueDeadlines));
        start.countDown();

        assertThat(first.get() + second.get()).isEqualTo(20);
        assertThat(scope.delivered)
                .extracting(d -> ((Reminder) d.message().getPayload()).orderId())
                .hasSize(20)
                .doesNotHaveDuplicates();
    }

    @Test
    void aFailedDeliveryIsTriedAgainLaterAndParkedAfterTheLastAttempt() {
        // what the manager logs is asserted below, not written to the build's output
        List<ILoggingEvent> logged;
        try (CapturedLog log = CapturedLog.of(MongoDeadlineManager.class)) {
            failedDeliveriesAreTriedAgainThenParked();
            logged = log.events();
        }
        assertThat(logged)
                .extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(message -> assertThat(message)
                        .matches("deadline payment \\(.+\\) failed on attempt 1; will be tried again"))
                .anySatisfy(message ->
                        assertThat(message).matches("deadline capture \\(.+\\) failed on attempt 3; parked"));
        assertThat(logged)
                .allSatisfy(event ->
                        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("saga store unavailable"));
    }

    private void failedDeliveriesAreTriedAgainThenParked() {
        scope.failuresLeft.set(1);
        manager.schedule(clock.instant(), "payment", null, SAGA);

        assertThat(manager.deliverDueDeadlines()).isZero();
        assertThat(manager.deliverDueDeadlines()).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(manager.deliverDueDeadlines()).isEqualTo(1);

        scope.failuresLeft.set(3);
        manager.schedule(clock.instant(), "capture", null, SAGA);
        for (int attempt = 0; attempt < 3; attempt++) {
            manager.deliverDueDeadlines();
            clock.advance(Duration.ofMinutes(1));
        }
        clock.advance(Duration.ofDays(30));
        assertThat(manager.deliverDueDeadlines()).isZero();
        Document parked = stored().find(Filters.eq("name", "capture")).first();
        assertThat(parked).isNotNull();
        assertThat(parked.getBoolean("parked")).isTrue();
    }

    @Test
    void aDeadlineClaimedByAnEngineThatDiedIsDeliveredOnceTheClaimExpires() {
        manager.schedule(clock.instant(), "payment", null, SAGA);
        stored().updateMany(
                        new Document(),
                        Updates.combine(
                                Updates.set("claimedBy", "dead-engine"),
                                Updates.set(
                                        "claimedUntil",
                                        java.util.Date.from(clock.instant().plus(Duration.ofMinutes(5))))));

        assertThat(manager.deliverDueDeadlines()).isZero();
        clock.advance(Duration.ofMinutes(5));
        assertThat(manager.deliverDueDeadlines()).isEqualTo(1);
    }

    private MongoDeadlineManager newManager(Clock managerClock) {
        return new MongoDeadlineManager(
                mongo.database(), descriptor -> Stream.of(scope), serializer, managerClock, OPTIONS);
    }

    private MongoCollection<Document> stored() {
        return mongo.database().getCollection(MongoDeadlineManager.COLLECTION);
    }

    private static int awaitThen(CountDownLatch start, java.util.function.IntSupplier work) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return work.getAsInt();
    }

    /** A saga stand-in that records the deadlines delivered to it, failing on demand. */
    static final class RecordingScope implements ScopeAware {

        record Delivery(DeadlineMessage<?> message, ScopeDescriptor scope) {}

        final List<Delivery> delivered = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        volatile Runnable onDelivery = () -> {};
        volatile String current;

        @Override
        public void send(Message<?> message, ScopeDescriptor scope) {
            onDelivery.run();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("saga store unavailable");
            }
            delivered.add(new Delivery((DeadlineMessage<?>) message, scope));
        }

        @Override
        public boolean canResolve(ScopeDescriptor scope) {
            return scope instanceof SagaScopeDescriptor;
        }
    }
}
