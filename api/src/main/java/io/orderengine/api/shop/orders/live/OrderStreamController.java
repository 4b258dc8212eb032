package io.orderengine.api.shop.orders.live;

import io.orderengine.api.security.Caller;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.order.OrderView;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live order status for the checkout page: {@code GET /api/v1/orders/{id}/stream} answers with server-sent events.
 * The first {@code order} event carries the order as it is now; another follows whenever its status or payment
 * status changes, until the checkout is over for the order ({@code OrderStatus.endsCheckout()}: paid, failed,
 * cancelled, rejected, needing a human). The stream then sends an {@code end} event and closes; a client should
 * close its {@code EventSource} on {@code end} instead of reconnecting. Same access rule as
 * {@code GET /api/v1/orders/{id}} (owner, admin, or guest with {@code ?token=}; anyone else 404). The order must be
 * readable already: right after checkout a client may get 404 for as long as the read model lags, and retries.
 * The stream is fed by an Axon subscription query on {@link FindOrderQuery}, whose updates the order detail
 * projection emits.
 */
@RestController
@Validated
class OrderStreamController {

    private static final Duration FIRST_READ_TIMEOUT = Duration.ofSeconds(10);

    private final QueryGateway queries;
    private final OrderAccess access;
    private final Duration timeout;
    private final LiveOrderStreams streams;

    OrderStreamController(
            QueryGateway queries,
            OrderAccess access,
            @Value("${engine.orders.stream-timeout:30m}") Duration timeout,
            LiveOrderStreams streams) {
        this.queries = queries;
        this.access = access;
        this.timeout = timeout;
        this.streams = streams;
    }

    @GetMapping("/api/v1/orders/{id}/stream")
    SseEmitter stream(
            @PathVariable String id,
            @RequestParam(required = false) @Size(max = 128) String token,
            Authentication authentication) {
        Caller caller = Caller.from(authentication);
        FindOrderQuery query = new FindOrderQuery(OrderAccess.orderId(id));
        SubscriptionQueryResult<OrderView, OrderView> result = queries.subscriptionQuery(
                query, ResponseTypes.instanceOf(OrderView.class), ResponseTypes.instanceOf(OrderView.class));
        OrderView current;
        try {
            current = access.visible(result.initialResult().block(FIRST_READ_TIMEOUT), token, caller);
        } catch (RuntimeException e) {
            result.cancel();
            throw e;
        }
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        new OrderStatusStream(emitter, caller.admin(), streams).start(current, result);
        return emitter;
    }
}
