package io.orderengine.api.orders.live;

import io.orderengine.query.order.OrderView;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One open order stream: sends the current view, then each update that changes the status or the payment status,
 * and ends after the first state that ends the checkout. Updates arrive on the projection's thread; they are handed
 * to another thread at once, so a slow client never holds up the read model. Updates older than what was sent
 * (the subscription buffers updates from before the first read) are skipped.
 */
final class OrderStatusStream {

    static final String ORDER_EVENT = "order";
    static final String END_EVENT = "end";

    private static final Logger log = LoggerFactory.getLogger(OrderStatusStream.class);

    private final SseEmitter emitter;
    private final boolean admin;
    private OrderView last;
    private boolean finished;
    private final AtomicBoolean closed = new AtomicBoolean();
    private SubscriptionQueryResult<?, ?> subscription;

    OrderStatusStream(SseEmitter emitter, boolean admin) {
        this.emitter = emitter;
        this.admin = admin;
    }

    void start(OrderView current, SubscriptionQueryResult<OrderView, OrderView> result) {
        this.subscription = result;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::finish);
        emitter.onError(error -> close());
        synchronized (this) {
            send(current);
            if (current.status().endsCheckout()) {
                finish();
                return;
            }
            result.updates()
                    .publishOn(Schedulers.boundedElastic())
                    .subscribe(this::onUpdate, this::onFailure, this::finish);
        }
    }

    private synchronized void onUpdate(OrderView update) {
        if (finished) {
            return;
        }
        OrderView view = admin ? update : update.forCustomer();
        if (!changes(view)) {
            return;
        }
        send(view);
        if (view.status().endsCheckout()) {
            finish();
        }
    }

    private boolean changes(OrderView view) {
        if (view.updatedAt() != null && last.updatedAt() != null && view.updatedAt().isBefore(last.updatedAt())) {
            return false;
        }
        return view.status() != last.status() || view.paymentStatus() != last.paymentStatus();
    }

    private void send(OrderView view) {
        last = view;
        try {
            emitter.send(SseEmitter.event().name(ORDER_EVENT).data(view, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            // The client went away; the emitter's completion callback releases the subscription.
            finished = true;
            close();
        }
    }

    private void onFailure(Throwable error) {
        log.warn("order stream {} failed", last.orderId(), error);
        synchronized (this) {
            finished = true;
        }
        emitter.completeWithError(error);
    }

    private synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            emitter.send(SseEmitter.event().name(END_EVENT)
                    .data(Map.of("status", last.status().name()), MediaType.APPLICATION_JSON));
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            close();
        }
    }

    /** Ends the subscription query (once); its update flux then completes. */
    private void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                subscription.cancel();
            } catch (RuntimeException e) {
                log.debug("order stream {}: subscription already ended", last == null ? null : last.orderId(), e);
            }
        }
    }
}
