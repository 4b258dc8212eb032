package io.orderengine.saga.console;

import io.orderengine.infrastructure.inspection.ScheduledDeadlines;
import io.orderengine.infrastructure.inspection.ScheduledDeadlines.ScheduledDeadline;
import io.orderengine.infrastructure.inspection.StoredSagas;
import io.orderengine.infrastructure.inspection.StoredSagas.StoredSaga;
import io.orderengine.messages.common.OrderId;
import io.orderengine.saga.checkout.CheckoutPolicy;
import io.orderengine.saga.checkout.CheckoutProgress;
import io.orderengine.saga.checkout.CheckoutProgress.Stage;
import io.orderengine.saga.checkout.CheckoutSaga;
import io.orderengine.saga.console.CheckoutSagaSnapshot.PendingDeadline;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.springframework.stereotype.Component;

/**
 * The checkout sagas as they are in Axon's saga store (no copy of their state is kept anywhere else), each with the
 * deadline it waits for in the deadline manager's store. Read-only.
 */
@Component
public class CheckoutConsole {

    private static final Set<Stage> BEFORE_PAYMENT =
            EnumSet.of(Stage.RESERVING_STOCK, Stage.AUTHORIZING, Stage.AWAITING_PAYMENT);

    private final StoredSagas sagas;
    private final SagaStore<Object> sagaStore;
    private final ScheduledDeadlines deadlines;
    private final Duration paymentDeadline;

    CheckoutConsole(
            StoredSagas sagas, SagaStore<Object> sagaStore, ScheduledDeadlines deadlines, CheckoutPolicy policy) {
        this.sagas = sagas;
        this.sagaStore = sagaStore;
        this.deadlines = deadlines;
        this.paymentDeadline = policy.paymentDeadline();
    }

    /** How long after placement an unpaid checkout is given up. */
    public Duration paymentDeadline() {
        return paymentDeadline;
    }

    /** Every checkout saga in the store, in no particular order. */
    public List<CheckoutSagaSnapshot> all() {
        return describe(sagas.all(CheckoutSaga.class));
    }

    /** The checkout saga of one order, if it is still in the store. */
    public Optional<CheckoutSagaSnapshot> of(OrderId orderId) {
        Set<String> ids = sagaStore.findSagas(CheckoutSaga.class, new AssociationValue("orderId", orderId.value()));
        return describe(sagas.byIds(CheckoutSaga.class, ids)).stream().findFirst();
    }

    private List<CheckoutSagaSnapshot> describe(List<StoredSaga<CheckoutSaga>> stored) {
        List<Loaded> loaded = stored.stream()
                .filter(entry -> entry.saga() != null
                        && entry.saga().getProgress() != null
                        && entry.saga().getProgress().orderId != null)
                .map(entry -> new Loaded(entry.sagaId(), entry.saga().getProgress()))
                .toList();
        Map<String, ScheduledDeadline> pending = deadlines.byIds(loaded.stream()
                .flatMap(saga -> Stream.of(saga.progress().paymentDeadlineId, saga.progress().captureDeadlineId))
                .filter(Objects::nonNull)
                .toList());
        return loaded.stream().map(saga -> snapshot(saga, pending)).toList();
    }

    private record Loaded(String sagaId, CheckoutProgress progress) {}

    private static CheckoutSagaSnapshot snapshot(Loaded saga, Map<String, ScheduledDeadline> pending) {
        CheckoutProgress progress = saga.progress();
        return new CheckoutSagaSnapshot(
                saga.sagaId(),
                progress.orderId,
                progress.orderNumber,
                progress.stage == null ? null : progress.stage.name(),
                progress.stage != null && BEFORE_PAYMENT.contains(progress.stage),
                progress.stage == Stage.CAPTURING,
                progress.failedStep == null ? null : progress.failedStep.name(),
                progress.failure,
                progress.provider == null ? null : progress.provider.wireName(),
                progress.paymentReference,
                progress.totalMinor,
                progress.currency,
                progress.pendingRefunds.size(),
                deadline(progress, pending));
    }

    /** The capture deadline if one is scheduled, else the payment deadline. */
    private static PendingDeadline deadline(CheckoutProgress progress, Map<String, ScheduledDeadline> pending) {
        ScheduledDeadline capture = progress.captureDeadlineId == null ? null : pending.get(progress.captureDeadlineId);
        if (capture != null) {
            return deadline("capture", capture);
        }
        ScheduledDeadline payment = progress.paymentDeadlineId == null ? null : pending.get(progress.paymentDeadlineId);
        return payment == null ? null : deadline("payment", payment);
    }

    private static PendingDeadline deadline(String kind, ScheduledDeadline scheduled) {
        return new PendingDeadline(
                kind, scheduled.triggerAt(), scheduled.attempts(), scheduled.parked(), scheduled.lastError());
    }
}
