package io.orderengine.api.admin.orders;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.idempotency.ClientIdempotency;
import io.orderengine.api.idempotency.IdempotentBody;
import io.orderengine.api.security.Caller;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.AddAdminNoteCommand;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.ChangeFulfilmentStatusCommand;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.RequestRefundCommand;
import io.orderengine.messages.order.ResumeOrderCommand;
import io.orderengine.messages.order.ReturnEverythingCommand;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.order.OrderView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an admin does to an order: move it through fulfilment (or cancel it, or take it out of ATTENTION), refund
 * (fully or partly) and write notes. Each accepts an optional Idempotency-Key so a retried click does nothing twice.
 * Answers 202: the change is recorded; the order's read model shows it as soon as it has applied it.
 */
@RestController
class AdminOrderCommandController {

    private final ConsistentCommands commands;
    private final QueryGateway queries;
    private final ClientIdempotency idempotency;

    AdminOrderCommandController(ConsistentCommands commands, QueryGateway queries, ClientIdempotency idempotency) {
        this.commands = commands;
        this.queries = queries;
        this.idempotency = idempotency;
    }

    /**
     * A move an admin can ask for: the fulfilment steps, cancelling, and resuming an order in ATTENTION. Read from
     * exactly these upper-case names, as the API always has; anything else is a 400.
     */
    enum StatusChange {
        PROCESSING,
        SHIPPED,
        DELIVERED,
        RETURNED,
        CANCELLED,
        RESUMED;

        @JsonCreator
        static StatusChange of(String value) {
            for (StatusChange change : values()) {
                if (change.name().equals(value)) {
                    return change;
                }
            }
            throw new IllegalArgumentException(
                    "status must be one of " + Arrays.toString(values()) + ", got '" + value + "'");
        }
    }

    record StatusRequest(
            @NotNull StatusChange status,
            @NoInvisibleCharacters @Size(max = 1000) String note,

            @NoInvisibleCharacters(allowJoiners = false) @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9 ._/-]*")
            String trackingNumber,

            LocalDate estimatedDelivery,
            Boolean restock) {}

    record RefundRequest(
            @Min(1) @Max(100_000_000_000L) Long amountMinor,

            @NoInvisibleCharacters @NotBlank @Size(max = 500)
            String reason) {}

    record NoteRequest(
            @NoInvisibleCharacters @NotBlank @Size(max = 2000)
            String note) {}

    /** A status change (or cancellation, or resumption) accepted: {@code {"orderId","requested"}}. */
    record StatusChangeAccepted(String orderId, String requested) {}

    /** A refund accepted: {@code {"orderId","refundId"}}. */
    record RefundAccepted(String orderId, String refundId) {}

    /** A note accepted: {@code {"orderId"}}. */
    record NoteAccepted(String orderId) {}

    @PostMapping("/api/v1/admin/orders/{id}/status")
    ResponseEntity<IdempotentBody<StatusChangeAccepted>> status(
            @PathVariable String id,
            @Valid @RequestBody StatusRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Authentication authentication) {
        OrderId orderId = orderId(id);
        Actor admin = admin(authentication);
        return once(authentication, key, Map.of("status", id, "body", request), () -> {
            Object command = switch (request.status()) {
                case CANCELLED ->
                    new CancelOrderCommand(
                            orderId, admin, request.note() == null ? "cancelled by admin" : request.note());
                case RESUMED -> new ResumeOrderCommand(orderId, admin, request.note());
                case PROCESSING -> fulfilment(orderId, OrderStatus.PROCESSING, admin, request);
                case SHIPPED -> fulfilment(orderId, OrderStatus.SHIPPED, admin, request);
                case DELIVERED -> fulfilment(orderId, OrderStatus.DELIVERED, admin, request);
                case RETURNED -> returnEverything(orderId, admin, request);
            };
            commands.sendAndWait(command);
            return ResponseEntity.accepted()
                    .body(new StatusChangeAccepted(id, request.status().name()));
        });
    }

    @PostMapping("/api/v1/admin/orders/{id}/refunds")
    ResponseEntity<IdempotentBody<RefundAccepted>> refund(
            @PathVariable String id,
            @Valid @RequestBody RefundRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Authentication authentication) {
        OrderId orderId = orderId(id);
        Actor admin = admin(authentication);
        return once(authentication, key, Map.of("refund", id, "body", request), () -> {
            OrderView order = order(orderId);
            Money amount = request.amountMinor() == null
                    ? null
                    : Money.of(request.amountMinor(), order.totals().currency());
            String refundId = key != null
                    ? "rf-" + ClientIdempotency.sha256(id + "\n" + key).substring(0, 24)
                    : "rf-" + UUID.randomUUID();
            commands.sendAndWait(new RequestRefundCommand(orderId, refundId, amount, admin, request.reason()));
            return ResponseEntity.accepted().body(new RefundAccepted(id, refundId));
        });
    }

    @PostMapping("/api/v1/admin/orders/{id}/notes")
    ResponseEntity<NoteAccepted> note(
            @PathVariable String id, @Valid @RequestBody NoteRequest request, Authentication authentication) {
        OrderId orderId = orderId(id);
        commands.sendAndWait(new AddAdminNoteCommand(orderId, admin(authentication), request.note()));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new NoteAccepted(id));
    }

    private static ChangeFulfilmentStatusCommand fulfilment(
            OrderId orderId, OrderStatus target, Actor admin, StatusRequest request) {
        return new ChangeFulfilmentStatusCommand(
                orderId, target, admin, request.note(), request.trackingNumber(), request.estimatedDelivery());
    }

    /** "RETURNED" goes through returns: everything shipped comes back, restocked as the admin must say. */
    private static ReturnEverythingCommand returnEverything(OrderId orderId, Actor admin, StatusRequest request) {
        if (request.restock() == null) {
            throw ApiException.unprocessable(
                    "restock-choice-required",
                    "Say whether the returned units go back on hand: \"restock\": true or false.");
        }
        return new ReturnEverythingCommand(orderId, request.restock(), admin, request.note());
    }

    private <T> ResponseEntity<IdempotentBody<T>> once(
            Authentication authentication, String key, Object request, Supplier<ResponseEntity<T>> action) {
        if (key == null) {
            return IdempotentBody.fresh(action.get());
        }
        return idempotency.execute("admin:" + authentication.getName(), key, request, action);
    }

    private OrderView order(OrderId orderId) {
        OrderView view = queries.query(new FindOrderQuery(orderId), ResponseTypes.instanceOf(OrderView.class))
                .join();
        if (view == null) {
            throw ApiException.notFound("Order " + orderId);
        }
        return view;
    }

    private static OrderId orderId(String id) {
        if (!OrderId.isValid(id)) {
            throw ApiException.notFound("Order " + id);
        }
        return new OrderId(id);
    }

    private static Actor admin(Authentication authentication) {
        return Caller.from(authentication).actor(null);
    }
}
