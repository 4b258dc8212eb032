package io.orderengine.infrastructure.deadline;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Axon {@link org.axonframework.deadline.DeadlineManager} that keeps deadlines in the Mongo collection
 * {@code deadlines}, so a payment deadline survives a restart of the engine (Axon's SimpleDeadlineManager keeps
 * them in memory only).
 *
 * <p>A scheduler thread looks for due deadlines every poll interval (and right at the trigger time of a deadline
 * scheduled by this instance). Each due deadline is claimed with one {@code findOneAndUpdate} that sets a lease,
 * so with several engines polling one store, each deadline is handed to exactly one of them. It is delivered to
 * its scope (a saga or an aggregate) in a unit of work and deleted on success; a failed delivery is tried again
 * after a growing delay, up to {@link Options#maxAttempts()}, then parked with its error. An engine that dies while
 * delivering leaves a lease that expires after {@link Options#claimTimeout()}; another engine then delivers it, so
 * handlers must tolerate a second delivery after a crash.
 *
 * <p>Scheduling and cancelling inside a unit of work take effect when it commits. A deadline scheduled while a
 * message is handled gets an id derived from that message ({@link DeadlineIds}), so handling it again after a crash
 * replaces the deadline instead of leaving a second one. {@link #ensureIndexes()} declares
 * the indexes of the due query ({@code triggerAt}: the claim walks the due deadlines in trigger order) and of
 * cancellation by name and by scope; MongoDB and the embedded store both serve them.
 *
 * <p>A deadline already claimed is delivered even if it is cancelled meanwhile (the scope may be handling the message
 * that cancels it while the deadline waits for the scope's lock). So each delivered deadline names its schedule in
 * the metadata entry {@link #SCHEDULE_ID}: a scope that keeps the id {@code schedule} returned can tell a deadline it
 * still waits for from one it has cancelled or replaced.
 */
public class MongoDeadlineManager extends AbstractDeadlineManager {

    public static final String COLLECTION = "deadlines";
    /** The metadata entry of a delivered deadline that holds the id {@code schedule} returned for it. */
    public static final String SCHEDULE_ID = "deadlineScheduleId";

    private static final Logger log = LoggerFactory.getLogger(MongoDeadlineManager.class);
    private static final Date NEVER = Date.from(Instant.parse("9999-12-31T00:00:00Z"));
    private static final Date UNCLAIMED = new Date(0);

    /**
     * How the manager polls and retries. {@code pollInterval}: how often due deadlines are looked for;
     * {@code claimTimeout}: how long a claim holds before another engine may deliver the deadline;
     * {@code retryDelay}: the first delay after a failed delivery (doubling up to an hour);
     * {@code maxAttempts}: deliveries before a deadline is parked.
     */
    public record Options(Duration pollInterval, Duration claimTimeout, Duration retryDelay, int maxAttempts) {
        public Options {
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(claimTimeout, "claimTimeout");
            Objects.requireNonNull(retryDelay, "retryDelay");
            if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
        }

        /** Poll every second; a claim holds 5 minutes; retry after 10 s, 20 s, …; park after 10 attempts. */
        public static Options defaults() {
            return new Options(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(10), 10);
        }

        /** These options polling every {@code interval} instead. */
        public Options pollingEvery(Duration interval) {
            return new Options(interval, claimTimeout, retryDelay, maxAttempts);
        }
    }

    private final MongoCollection<Document> deadlines;
    private final ScopeAwareProvider scopeAwareProvider;
    private final Serializer serializer;
    private final TransactionManager transactionManager;
    private final Clock clock;
    private final Options options;
    private final String owner = IdentifierFactory.getInstance().generateIdentifier();
    private volatile ScheduledExecutorService scheduler;

    public MongoDeadlineManager(
            MongoDatabase database,
            ScopeAwareProvider scopeAwareProvider,
            Serializer serializer,
            Clock clock,
            Options options) {
        this(database, scopeAwareProvider, serializer, NoTransactionManager.INSTANCE, clock, options);
    }

    public MongoDeadlineManager(
            MongoDatabase database,
            ScopeAwareProvider scopeAwareProvider,
            Serializer serializer,
            TransactionManager transactionManager,
            Clock clock,
            Options options) {
        this.deadlines = database.getCollection(COLLECTION);
        this.scopeAwareProvider = Objects.requireNonNull(scopeAwareProvider, "scopeAwareProvider");
        this.serializer = Objects.requireNonNull(serializer, "serializer");
        this.transactionManager = Objects.requireNonNull(transactionManager, "transactionManager");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The indexes of the due query and of cancelling by name or by scope (idempotent; run at start-up). */
    public void ensureIndexes() {
        deadlines.createIndex(Indexes.ascending("triggerAt"));
        deadlines.createIndex(Indexes.ascending("name"));
        deadlines.createIndex(Indexes.ascending("scope", "name"));
    }

    /** Starts delivering due deadlines, including those scheduled before a restart. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mongo-deadline-manager");
            thread.setDaemon(true);
            return thread;
        });
        // a wake-up for a deadline due soon is dropped at shutdown (the next engine delivers it), not waited for: an
        // engine stopping a few seconds before a deadline would otherwise wait for it and deliver it while stopping
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler = executor;
        scheduler.scheduleWithFixedDelay(
                this::deliverDueDeadlinesSafely, 0, options.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops delivering; deadlines stay stored for the next start. A delivery under way is finished (up to 10 s);
     * wake-ups planned for deadlines not yet due are dropped.
     */
    @Override
    public synchronized void shutdown() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    @Override
    public String schedule(
            Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        DeadlineMessage<Object> message = processDispatchInterceptors(
                GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime));
        SerializedObject<String> serializedScope = serializer.serialize(deadlineScope, String.class);
        String deadlineId = DeadlineIds.next(deadlineName, serializedScope.getData());
        Document document = toDocument(deadlineId, message, triggerDateTime, serializedScope);
        runOnPrepareCommitOrNow(() -> {
            deadlines.replaceOne(Filters.eq("_id", deadlineId), document, new ReplaceOptions().upsert(true));
            wakeUpAt(triggerDateTime);
        });
        return deadlineId;
    }

    @Override
    public String schedule(
            Duration triggerDuration, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        return schedule(clock.instant().plus(triggerDuration), deadlineName, messageOrPayload, deadlineScope);
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() ->
                deadlines.deleteOne(Filters.and(Filters.eq("_id", scheduleId), Filters.eq("name", deadlineName))));
    }

    @Override
    public void cancelAll(String deadlineName) {
        runOnPrepareCommitOrNow(() -> deadlines.deleteMany(Filters.eq("name", deadlineName)));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        String serializedScope = serializer.serialize(scope, String.class).getData();
        runOnPrepareCommitOrNow(() -> deadlines.deleteMany(
                Filters.and(Filters.eq("name", deadlineName), Filters.eq("scope", serializedScope))));
    }

    /** Delivers every deadline due now; returns how many were delivered. The scheduler thread calls this. */
    public int deliverDueDeadlines() {
        int delivered = 0;
        Document claimed;
        while ((claimed = claimNextDue()) != null) {
            if (deliver(claimed)) {
                delivered++;
            }
        }
        return delivered;
    }

    private void deliverDueDeadlinesSafely() {
        try {
            deliverDueDeadlines();
            wakeUpForNextDeadline();
        } catch (RuntimeException e) {
            log.error("could not poll for due deadlines", e);
        }
    }

    /**
     * The poll is a backstop: the next deadline in the store (scheduled by any engine) is delivered at its time,
     * not at the next poll, so the poll interval can be long without making deadlines late.
     */
    private void wakeUpForNextDeadline() {
        // the earliest unclaimed deadline, also one due already: a wake-up that came a moment early (the timer and
        // the clock tick differently) found it not yet due, and it must not wait for the next poll
        Document next = deadlines
                .find(Filters.lte("claimedUntil", Date.from(clock.instant())))
                .sort(Sorts.ascending("triggerAt"))
                .projection(new Document("triggerAt", 1))
                .limit(1)
                .first();
        if (next != null) {
            wakeUpAt(next.getDate("triggerAt").toInstant());
        }
    }

    private void wakeUpAt(Instant triggerDateTime) {
        ScheduledExecutorService current = scheduler;
        if (current == null) {
            return;
        }
        // rounded up to the next millisecond: a wake-up before the deadline is due finds nothing to deliver
        long delay =
                Math.max(0, (Duration.between(clock.instant(), triggerDateTime).toNanos() + 999_999) / 1_000_000);
        if (delay < options.pollInterval().toMillis() && !current.isShutdown()) {
            try {
                current.schedule(this::deliverDueDeadlinesSafely, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // shut down meanwhile: the deadline stays stored for the next start
            }
        }
    }

    private Document claimNextDue() {
        Date now = Date.from(clock.instant());
        return deadlines.findOneAndUpdate(
                Filters.and(Filters.lte("triggerAt", now), Filters.lte("claimedUntil", now)),
                Updates.combine(
                        Updates.set("claimedBy", owner),
                        Updates.set("claimedUntil", Date.from(now.toInstant().plus(options.claimTimeout()))),
                        Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("triggerAt")).returnDocument(ReturnDocument.AFTER));
    }

    private boolean deliver(Document claimed) {
        String deadlineId = claimed.getString("_id");
        try {
            ScopeDescriptor scope = serializer.deserialize(serialized(claimed, "scope", "scopeType", "scopeRevision"));
            execute(toMessage(claimed), scope);
            deadlines.deleteOne(Filters.and(Filters.eq("_id", deadlineId), Filters.eq("claimedBy", owner)));
            return true;
        } catch (Exception e) {
            int attempts = claimed.getInteger("attempts", 1);
            boolean park = attempts >= options.maxAttempts();
            Duration delay = options.retryDelay().multipliedBy(1L << Math.min(attempts - 1, 8));
            Duration cappedDelay = delay.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : delay;
            Date nextAttempt = park ? NEVER : Date.from(clock.instant().plus(cappedDelay));
            deadlines.updateOne(
                    Filters.and(Filters.eq("_id", deadlineId), Filters.eq("claimedBy", owner)),
                    Updates.combine(
                            Updates.set("claimedUntil", nextAttempt),
                            Updates.set("lastError", String.valueOf(e)),
                            Updates.set("parked", park)));
            log.error(
                    "deadline {} ({}) failed on attempt {}{}",
                    claimed.getString("name"),
                    deadlineId,
                    attempts,
                    park ? "; parked" : "; will be tried again",
                    e);
            return false;
        }
    }

    private void execute(DeadlineMessage<?> message, ScopeDescriptor scope) throws Exception {
        UnitOfWork<DeadlineMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.attachTransaction(transactionManager);
        InterceptorChain chain =
                new DefaultInterceptorChain<DeadlineMessage<?>>(unitOfWork, handlerInterceptors(), deadlineMessage -> {
                    sendToScope(deadlineMessage, scope);
                    return null;
                });
        ResultMessage<?> result = unitOfWork.executeWithResult(chain::proceed);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        }
    }

    private void sendToScope(DeadlineMessage<?> message, ScopeDescriptor scope) throws Exception {
        for (ScopeAware component :
                scopeAwareProvider.provideScopeAwareStream(scope).toList()) {
            if (component.canResolve(scope)) {
                component.send(message, scope);
            }
        }
    }

    private Document toDocument(
            String deadlineId,
            DeadlineMessage<?> message,
            Instant triggerDateTime,
            SerializedObject<String> serializedScope) {
        SerializedObject<String> metaData = serializer.serialize(message.getMetaData(), String.class);
        Document document = new Document("_id", deadlineId)
                .append("name", message.getDeadlineName())
                .append("triggerAt", Date.from(triggerDateTime))
                .append("claimedUntil", UNCLAIMED)
                .append("attempts", 0)
                .append("messageId", message.getIdentifier())
                .append("timestamp", Date.from(message.getTimestamp()))
                .append("scope", serializedScope.getData())
                .append("scopeType", serializedScope.getType().getName())
                .append("scopeRevision", serializedScope.getType().getRevision())
                .append("metaData", metaData.getData())
                .append("metaDataType", metaData.getType().getName());
        if (message.getPayload() != null) {
            SerializedObject<String> payload = serializer.serialize(message.getPayload(), String.class);
            document.append("payload", payload.getData())
                    .append("payloadType", payload.getType().getName())
                    .append("payloadRevision", payload.getType().getRevision());
        }
        return document;
    }

    private DeadlineMessage<?> toMessage(Document document) {
        Object payload = document.getString("payload") == null
                ? null
                : serializer.deserialize(serialized(document, "payload", "payloadType", "payloadRevision"));
        MetaData metaData = serializer
                .<String, MetaData>deserialize(new SimpleSerializedObject<>(
                        document.getString("metaData"), String.class, document.getString("metaDataType"), null))
                .and(SCHEDULE_ID, document.getString("_id"));
        return new GenericDeadlineMessage<>(
                document.getString("name"),
                document.getString("messageId"),
                payload,
                metaData,
                document.getDate("timestamp").toInstant());
    }

    private static SimpleSerializedObject<String> serialized(
            Document document, String data, String type, String revision) {
        return new SimpleSerializedObject<>(
                document.getString(data), String.class, document.getString(type), document.getString(revision));
    }
}
