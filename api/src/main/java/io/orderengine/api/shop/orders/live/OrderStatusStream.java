package io.orderengine.api.shop.orders.live;

import io.orderengine.query.order.OrderView;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One open order stream: sends the current view, then each update that changes the status or the payment status,
 * and ends after the first state that ends the checkout. Updates arrive on the projection's thread; they are handed
 * to another thread at once, so a slow client never holds up the read model. Updates older than what was sent
 * (the subscription buffers updates from before the first read) are skipped.
 * <p>
 * Subscription-query updates only come from the projection in this JVM. With several engine instances the event
 * may be handled by another instance's segment: when an event of the order reaches this instance's event store
 * ({@link OtherInstancesChanges}), the stream reads the order again (re-subscribing the query's initial result runs
 * the query again) shortly after and once more a second later, in case the other instance's projection was still
 * behind, and sends it when it changed. On every heartbeat ({@link LiveOrderStreams}) the stream also sends an SSE
 * comment (a client that has gone is noticed when it fails) and re-reads the order once, the last backstop.
 */
final class OrderStatusStream {

    static final String ORDER_EVENT = "order";
    static final String END_EVENT = "end";
    /** When the order is read again after one of its events arrived from the event store. */
    private static final List<Duration> REREADS = List.of(Duration.ofMillis(100), Duration.ofSeconds(1));

    private static final Logger log = LoggerFactory.getLogger(OrderStatusStream.class);

    private final SseEmitter emitter;
    private final boolean admin;
    private final LiveOrderStreams streams;
    private OrderView last;
    private volatile boolean finished;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Runnable endForShutdown = this::endForShutdown;
    private SubscriptionQueryResult<OrderView, OrderView> subscription;
    private volatile Disposable polling;
    private volatile AutoCloseable watch;

    OrderStatusStream(SseEmitter emitter, boolean admin, LiveOrderStreams streams) {
        this.emitter = emitter;
        this.admin = admin;
        this.streams = streams;
    }

    void start(OrderView current, SubscriptionQueryResult<OrderView, OrderView> result) {
        this.subscription = result;
        streams.opened(endForShutdown);
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
            Duration heartbeat = streams.heartbeat();
            polling = Flux.interval(heartbeat, heartbeat, Schedulers.boundedElastic())
                    .onBackpressureDrop()
                    .filter(tick -> heartbeat())
                    .concatMap(tick -> result.initialResult().onErrorResume(this::pollFailed), 1)
                    .subscribe(this::onUpdate);
            watch = streams.watch(current.orderId(), this::readAgain);
            if (finished || closed.get()) {
                stopPolling();
            }
        }
    }

    /** An event of the order arrived, maybe projected elsewhere: reads the order again (not on the caller's thread). */
    private void readAgain() {
        if (finished || closed.get()) {
            return;
        }
        Flux.fromIterable(REREADS)
                .concatMap(delay -> Mono.delay(delay, Schedulers.boundedElastic())
                        .then(subscription.initialResult().onErrorResume(this::pollFailed)))
                .takeUntil(view -> finished)
                .subscribe(this::onUpdate);
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

    /** Sends an SSE comment; false (and the stream released) when the client has gone. */
    private synchronized boolean heartbeat() {
        if (finished) {
            return false;
        }
        try {
            emitter.send(SseEmitter.event().comment("heartbeat"));
            return true;
        } catch (IOException | IllegalStateException e) {
            finished = true;
            close();
            return false;
        }
    }

    private boolean changes(OrderView view) {
        if (view.updatedAt() != null
                && last.updatedAt() != null
                && view.updatedAt().isBefore(last.updatedAt())) {
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

    private Mono<OrderView> pollFailed(Throwable error) {
        log.debug("order stream {}: re-reading the order failed; trying again", last.orderId(), error);
        return Mono.empty();
    }

    private void onFailure(Throwable error) {
        log.warn("order stream {} failed", last.orderId(), error);
        synchronized (this) {
            finished = true;
        }
        stopPolling();
        emitter.completeWithError(error);
        close();
    }

    /** The checkout is over (or the stream timed out): the end event says so, and the client does not come back. */
    private void finish() {
        end(true);
    }

    /** The instance shuts down: the response ends without the end event, so the client connects again. */
    private void endForShutdown() {
        end(false);
    }

    private synchronized void end(boolean checkoutOver) {
        if (finished) {
            return;
        }
        finished = true;
        stopPolling();
        try {
            if (checkoutOver) {
                emitter.send(SseEmitter.event()
                        .name(END_EVENT)
                        .data(Map.of("status", last.status().name()), MediaType.APPLICATION_JSON));
            }
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the response was already complete
        }
        close();
    }

    private void stopPolling() {
        Disposable poll = polling;
        if (poll != null) {
            poll.dispose();
        }
        AutoCloseable watching = watch;
        if (watching != null) {
            try {
                watching.close();
            } catch (Exception e) {
                log.debug("order stream {}: could not stop watching", last == null ? null : last.orderId(), e);
            }
        }
    }

    /** Ends the subscription query and the polling (once); the update flux then completes. */
    private void close() {
        if (closed.compareAndSet(false, true)) {
            streams.released(endForShutdown);
            stopPolling();
            try {
                subscription.cancel();
            } catch (RuntimeException e) {
                log.debug("order stream {}: subscription already ended", last == null ? null : last.orderId(), e);
            }
        }
    }
}
