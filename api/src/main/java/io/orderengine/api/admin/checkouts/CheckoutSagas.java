package io.orderengine.api.admin.checkouts;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.api.admin.checkouts.RunningCheckout.PendingDeadline;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.order.OrderView;
import io.orderengine.saga.checkout.CheckoutPolicy;
import io.orderengine.saga.checkout.CheckoutProgress;
import io.orderengine.saga.checkout.CheckoutProgress.Stage;
import io.orderengine.saga.checkout.CheckoutSaga;
import io.orderengine.infrastructure.deadline.MongoDeadlineManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.SagaEntry;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The checkout sagas as they are in Axon's saga store (no copy of their state is kept anywhere else): each saga
 * document is read with the serializer the store wrote it with, joined with its order's read model (status, age)
 * and with the deadline it waits for in the deadline manager's collection.
 *
 * <p>Stuck means a human should look: a checkout that has not been paid and is older than its payment deadline
 * (the deadline should have given it up), a capture whose last-attempt deadline has passed, an order in ATTENTION,
 * a gateway step that failed after its retries, or a deadline the manager parked after failing to deliver it.
 */
@Component
public class CheckoutSagas {

    static final String SAGA_TYPE = CheckoutSaga.class.getName();
    private static final Set<Stage> BEFORE_PAYMENT = EnumSet.of(Stage.RESERVING_STOCK, Stage.AUTHORIZING,
            Stage.AWAITING_PAYMENT);

    private final MongoCollection<Document> sagas;
    private final MongoCollection<Document> deadlines;
    private final SagaStore<Object> sagaStore;
    private final Serializer stateSerializer;
    private final QueryGateway queries;
    private final Duration paymentDeadline;
    private final Clock clock;

    CheckoutSagas(MongoTemplate axonMongoTemplate, MongoDatabase database, SagaStore<Object> sagaStore,
                  @Qualifier("stateSerializer") Serializer stateSerializer, QueryGateway queries,
                  CheckoutPolicy policy, Clock clock) {
        this.sagas = axonMongoTemplate.sagaCollection();
        this.deadlines = database.getCollection(MongoDeadlineManager.COLLECTION);
        this.sagaStore = sagaStore;
        this.stateSerializer = stateSerializer;
        this.queries = queries;
        this.paymentDeadline = policy.paymentDeadline();
        this.clock = clock;
    }

    /** Every checkout saga in the store, oldest order first (orders the read model has not seen yet last). */
    public List<RunningCheckout> all() {
        List<Loaded> loaded = new ArrayList<>();
        for (Document document : sagas.find(Filters.eq("sagaType", SAGA_TYPE))) {
            load(document).ifPresent(loaded::add);
        }
        Map<String, Document> pending = deadlinesOf(loaded);
        Instant now = clock.instant();
        return loaded.stream()
                .map(saga -> describe(saga, pending, now))
                .sorted(Comparator.comparing(RunningCheckout::placedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(RunningCheckout::orderId))
                .toList();
    }

    /** The checkout saga of one order, if it is still in the store. */
    public Optional<RunningCheckout> of(OrderId orderId) {
        Set<String> ids = sagaStore.findSagas(CheckoutSaga.class, new AssociationValue("orderId", orderId.value()));
        List<Loaded> loaded = new ArrayList<>();
        for (String id : ids) {
            Document document = sagas.find(Filters.eq("sagaIdentifier", id)).first();
            if (document != null) {
                load(document).ifPresent(loaded::add);
            }
        }
        Map<String, Document> pending = deadlinesOf(loaded);
        Instant now = clock.instant();
        return loaded.stream().map(saga -> describe(saga, pending, now)).findFirst();
    }

    private record Loaded(String sagaId, CheckoutProgress progress) {
    }

    private Optional<Loaded> load(Document document) {
        CheckoutSaga saga = new SagaEntry<CheckoutSaga>(document).getSaga(stateSerializer);
        CheckoutProgress progress = saga == null ? null : saga.getProgress();
        if (progress == null || progress.orderId == null) {
            return Optional.empty();
        }
        return Optional.of(new Loaded(document.getString("sagaIdentifier"), progress));
    }

    /** The deadline documents the sagas point at, by id (one query, {@code $in} on the unique {@code _id}). */
    private Map<String, Document> deadlinesOf(List<Loaded> loaded) {
        List<String> ids = loaded.stream()
                .flatMap(saga -> Stream.of(saga.progress().paymentDeadlineId,
                        saga.progress().captureDeadlineId))
                .filter(Objects::nonNull)
                .toList();
        Map<String, Document> byId = new HashMap<>();
        if (!ids.isEmpty()) {
            for (Document deadline : deadlines.find(Filters.in("_id", ids))) {
                byId.put(deadline.getString("_id"), deadline);
            }
        }
        return byId;
    }

    private RunningCheckout describe(Loaded saga, Map<String, Document> pending, Instant now) {
        CheckoutProgress progress = saga.progress();
        OrderView order = queries.query(new FindOrderQuery(new OrderId(progress.orderId)),
                ResponseTypes.instanceOf(OrderView.class)).join();
        Instant placedAt = order == null ? null : order.placedAt();
        OrderStatus orderStatus = order == null ? null : order.status();
        Instant paymentDueAt = placedAt != null && progress.stage != null && BEFORE_PAYMENT.contains(progress.stage)
                ? placedAt.plus(paymentDeadline) : null;
        PendingDeadline deadline = deadline(progress, pending);

        List<String> stuckBecause = new ArrayList<>();
        if (paymentDueAt != null && now.isAfter(paymentDueAt)) {
            stuckBecause.add("payment-deadline-passed");
        }
        if (progress.stage == Stage.CAPTURING && deadline != null && "capture".equals(deadline.kind())
                && now.isAfter(deadline.at())) {
            stuckBecause.add("capture-deadline-passed");
        }
        if (orderStatus == OrderStatus.ATTENTION) {
            stuckBecause.add("order-in-attention");
        }
        if (progress.failedStep != null) {
            stuckBecause.add("step-failed");
        }
        if (deadline != null && deadline.parked()) {
            stuckBecause.add("deadline-parked");
        }
        return new RunningCheckout(saga.sagaId(), progress.orderId,
                progress.orderNumber != null ? progress.orderNumber : order == null ? null : order.orderNumber(),
                progress.stage == null ? null : progress.stage.name(),
                progress.failedStep == null ? null : progress.failedStep.name(),
                orderStatus == null ? null : orderStatus.name(),
                progress.provider == null ? null : progress.provider.wireName(),
                progress.paymentReference, progress.totalMinor, progress.currency, placedAt,
                placedAt == null ? null : Math.max(0, Duration.between(placedAt, now).toSeconds()),
                paymentDueAt, deadline, lastError(progress, deadline, order), progress.pendingRefunds.size(),
                !stuckBecause.isEmpty(), stuckBecause);
    }

    private static PendingDeadline deadline(CheckoutProgress progress, Map<String, Document> pending) {
        Document capture = progress.captureDeadlineId == null ? null : pending.get(progress.captureDeadlineId);
        if (capture != null) {
            return deadline("capture", capture);
        }
        Document payment = progress.paymentDeadlineId == null ? null : pending.get(progress.paymentDeadlineId);
        return payment == null ? null : deadline("payment", payment);
    }

    private static PendingDeadline deadline(String kind, Document document) {
        Date at = document.getDate("triggerAt");
        return new PendingDeadline(kind, at == null ? null : at.toInstant(), document.getInteger("attempts", 0),
                Boolean.TRUE.equals(document.getBoolean("parked")), document.getString("lastError"));
    }

    /** The failed step's error first, then a failing deadline delivery, then why the order was put into ATTENTION. */
    private static String lastError(CheckoutProgress progress, PendingDeadline deadline, OrderView order) {
        if (progress.failedStep != null && progress.failure != null) {
            return progress.failure;
        }
        if (deadline != null && deadline.lastError() != null) {
            return deadline.lastError();
        }
        if (order != null && order.status() == OrderStatus.ATTENTION) {
            for (int i = order.statusHistory().size() - 1; i >= 0; i--) {
                OrderView.StatusChange change = order.statusHistory().get(i);
                if (change.to() == OrderStatus.ATTENTION) {
                    return change.note();
                }
            }
        }
        return null;
    }
}
