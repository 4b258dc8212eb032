package io.orderengine.api.shop.orders;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.idempotency.ClientIdempotency;
import io.orderengine.api.idempotency.IdempotentBody;
import io.orderengine.api.security.Caller;
import io.orderengine.api.shop.orders.live.OrderAccess;
import io.orderengine.api.web.PageParameters;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.query.FindCustomerOrdersQuery;
import io.orderengine.query.order.OrderSummaryPage;
import io.orderengine.query.order.OrderView;
import io.orderengine.saga.payment.PaymentActions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.function.Supplier;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders as their owners see them. Ownership is checked on every read by {@link OrderAccess}: the signed-in customer
 * whose order it is, a guest with the order's view token, or an admin. Anyone else gets 404, so ids cannot be probed.
 */
@RestController
@Validated
class OrderController {

    private final QueryGateway queries;
    private final ConsistentCommands commands;
    private final PaymentActions paymentActions;
    private final OrderAccess access;
    private final ClientIdempotency idempotency;

    OrderController(
            QueryGateway queries,
            ConsistentCommands commands,
            PaymentActions paymentActions,
            OrderAccess access,
            ClientIdempotency idempotency) {
        this.access = access;
        this.idempotency = idempotency;
        this.queries = queries;
        this.commands = commands;
        this.paymentActions = paymentActions;
    }

    record CancelRequest(
            @NoInvisibleCharacters @NotBlank @Size(max = 500)
            String reason) {}

    /** A cancellation accepted: {@code {"orderId","requested":"CANCELLED"}}. */
    record CancelAccepted(String orderId, String requested) {}

    /**
     * The order. While a Stripe order waits for payment (or for the balance of an edit), the PaymentIntent's client
     * secret is fetched from Stripe for this answer only (it is never stored in events or read models).
     */
    @GetMapping("/api/v1/orders/{id}")
    OrderResponse order(
            @PathVariable String id,
            @RequestParam(required = false) @Size(max = 128) String token,
            Authentication authentication) {
        OrderView view = access.readable(id, token, Caller.from(authentication));
        OrderView.Payment payment = view.payment();
        if ((view.status() != OrderStatus.AWAITING_PAYMENT && view.paymentStatus() != PaymentStatus.PARTIALLY_PAID)
                || payment == null
                || payment.action() == null
                || !"stripe".equals(payment.provider())) {
            return OrderResponse.of(view);
        }
        PaymentAction live = paymentActions.forCustomer(
                PaymentMethod.STRIPE,
                payment.reference(),
                new PaymentAction(payment.action().type(), payment.action().url(), null));
        return OrderResponse.of(view, live == null ? null : live.clientSecret());
    }

    @GetMapping("/api/v1/orders")
    OrderSummaryPage history(
            @RequestParam(required = false) OrderStatus status,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            Authentication authentication) {
        Caller caller = Caller.from(authentication);
        return queries.query(
                        new FindCustomerOrdersQuery(caller.subject(), status, PageParameters.page(page, size)),
                        ResponseTypes.instanceOf(OrderSummaryPage.class))
                .join();
    }

    /**
     * Cancels the caller's order (202). With an Idempotency-Key a retried cancel gets the first answer again instead
     * of a 409 saying the order is already cancelled.
     */
    @PostMapping("/api/v1/orders/{id}/cancel")
    ResponseEntity<IdempotentBody<CancelAccepted>> cancel(
            @PathVariable String id,
            @RequestParam(required = false) @Size(max = 128) String token,
            @Valid @RequestBody CancelRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Authentication authentication) {
        Caller caller = Caller.from(authentication);
        OrderView order = access.readable(id, token, caller);
        Supplier<ResponseEntity<CancelAccepted>> cancel = () -> {
            commands.sendAndWait(new CancelOrderCommand(
                    new OrderId(order.orderId()), caller.actor(order.orderId()), request.reason()));
            return ResponseEntity.accepted().body(new CancelAccepted(order.orderId(), "CANCELLED"));
        };
        if (key == null) {
            return IdempotentBody.fresh(cancel.get());
        }
        String scope = caller.subjectIfSignedIn().map(s -> "subject:" + s).orElse("guest:" + order.orderId());
        return idempotency.execute(scope, key, Map.of("cancel", order.orderId(), "body", request), cancel);
    }
}
