package io.orderengine.api.admin.orders;

import io.orderengine.api.idempotency.ClientIdempotency;
import io.orderengine.api.idempotency.IdempotentBody;
import io.orderengine.api.security.Caller;
import io.orderengine.api.web.ApiException;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.OrderEditChange;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/orders/{id}/edits}: with {@code "dryRun":true} answers 200 with what the edit would do
 * and changes nothing; otherwise records it (stock first, see {@link OrderEditService}) and answers 201 with the same
 * shape plus the {@code editId}. An Idempotency-Key makes a retried commit answer the first answer again; the edit id
 * is derived from it.
 */
@RestController
class OrderEditController {

    private final OrderEditService edits;
    private final ClientIdempotency idempotency;

    OrderEditController(OrderEditService edits, ClientIdempotency idempotency) {
        this.edits = edits;
        this.idempotency = idempotency;
    }

    @PostMapping("/api/v1/admin/orders/{id}/edits")
    ResponseEntity<IdempotentBody<OrderEditResponse>> edit(
            @PathVariable String id,
            @Valid @RequestBody OrderEditRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Authentication authentication) {
        if (!OrderId.isValid(id)) {
            throw ApiException.notFound("Order " + id);
        }
        OrderId orderId = new OrderId(id);
        List<OrderEditChange> changes =
                request.changes().stream().map(OrderEditService::change).toList();
        if (request.preview()) {
            return IdempotentBody.fresh(ResponseEntity.ok(edits.preview(orderId, changes)));
        }
        String editId = key != null
                ? "ed-" + ClientIdempotency.sha256(id + "\n" + key).substring(0, 24)
                : "ed-" + UUID.randomUUID();
        java.util.function.Supplier<ResponseEntity<OrderEditResponse>> commit =
                () -> ResponseEntity.status(HttpStatus.CREATED)
                        .body(edits.commit(
                                orderId,
                                editId,
                                changes,
                                request.note(),
                                Caller.from(authentication).actor(null)));
        if (key == null) {
            return IdempotentBody.fresh(commit.get());
        }
        return idempotency.execute(
                "admin:" + authentication.getName(), key, Map.of("edit", id, "body", request), commit);
    }
}
