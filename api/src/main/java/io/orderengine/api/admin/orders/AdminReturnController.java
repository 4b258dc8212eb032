package io.orderengine.api.admin.orders;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.security.Caller;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.ReceiveReturnCommand;
import io.orderengine.messages.order.ReceivedLine;
import io.orderengine.messages.order.RejectReturnCommand;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An admin receives a return (202: the units that arrived, each restocked or not; the engine works the refund out and
 * the checkout saga asks the gateway for it) or rejects it (202: nothing moves). The order decides (docs/api.md):
 * receiving more than the return asked for is a 422, a return already received or rejected a 409.
 */
@RestController
class AdminReturnController {

    private final ConsistentCommands commands;

    AdminReturnController(ConsistentCommands commands) {
        this.commands = commands;
    }

    record LineRequest(
            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = SkuCode.PATTERN)
            String sku,

            @NotNull @Min(1) @Max(1_000_000) Integer quantity,
            @NotNull Boolean restock) {}

    record ReceiveRequest(
            @NotEmpty @Size(max = 200) List<@Valid @NotNull LineRequest> lines,
            Boolean refundShipping,
            @NoInvisibleCharacters @Size(max = 1000) String note) {}

    record RejectRequest(
            @NoInvisibleCharacters @Size(max = 1000) String reason) {}

    /** A receipt or a rejection accepted: {@code {"orderId","returnId"}}. */
    record ReturnAccepted(String orderId, String returnId) {}

    @PostMapping("/api/v1/admin/orders/{id}/returns/{returnId}/receive")
    ResponseEntity<ReturnAccepted> receive(
            @PathVariable String id,
            @PathVariable String returnId,
            @Valid @RequestBody ReceiveRequest request,
            Authentication authentication) {
        OrderId orderId = orderId(id, returnId);
        List<ReceivedLine> lines = request.lines().stream()
                .map(line -> new ReceivedLine(new SkuCode(line.sku()), null, line.quantity(), line.restock()))
                .toList();
        commands.sendAndWait(new ReceiveReturnCommand(
                orderId,
                returnId,
                lines,
                Boolean.TRUE.equals(request.refundShipping()),
                request.note(),
                Caller.from(authentication).actor(null)));
        return ResponseEntity.accepted().body(new ReturnAccepted(id, returnId));
    }

    @PostMapping("/api/v1/admin/orders/{id}/returns/{returnId}/reject")
    ResponseEntity<ReturnAccepted> reject(
            @PathVariable String id,
            @PathVariable String returnId,
            @Valid @RequestBody RejectRequest request,
            Authentication authentication) {
        OrderId orderId = orderId(id, returnId);
        commands.sendAndWait(new RejectReturnCommand(
                orderId, returnId, request.reason(), Caller.from(authentication).actor(null)));
        return ResponseEntity.accepted().body(new ReturnAccepted(id, returnId));
    }

    private static OrderId orderId(String id, String returnId) {
        if (!OrderId.isValid(id)) {
            throw ApiException.notFound("Order " + id);
        }
        if (!returnId.matches("R[0-9]{1,6}")) {
            throw ApiException.notFound("Return " + returnId);
        }
        return new OrderId(id);
    }
}
