package io.orderengine.api.admin.orders;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.idempotency.ClientIdempotency;
import io.orderengine.api.idempotency.IdempotentBody;
import io.orderengine.api.security.Caller;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.MarkShipmentDeliveredCommand;
import io.orderengine.messages.order.ShipItemsCommand;
import io.orderengine.messages.order.ShipmentLine;
import io.orderengine.messages.order.ShipmentReceipt;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Parcels of an order: an admin ships some of the paid units left (201 with the shipment) and records a shipment's
 * delivery (202, harmless to repeat). The order decides what may ship (docs/api.md); an Idempotency-Key makes a
 * retried shipment answer the first one's 201 instead of shipping twice.
 */
@RestController
class AdminShipmentController {

    private final ConsistentCommands commands;
    private final ClientIdempotency idempotency;

    AdminShipmentController(ConsistentCommands commands, ClientIdempotency idempotency) {
        this.commands = commands;
        this.idempotency = idempotency;
    }

    record LineRequest(
            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = SkuCode.PATTERN)
            String sku,

            @NotNull @Min(1) @Max(1_000_000) Integer quantity) {}

    record ShipmentRequest(
            @NotEmpty @Size(max = 200) List<@Valid @NotNull LineRequest> lines,
            @NoInvisibleCharacters @Size(max = 100) String carrier,

            @NoInvisibleCharacters(allowJoiners = false) @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9 ._/-]*")
            String trackingNumber) {}

    record LineResponse(String sku, String name, int quantity) {}

    /** A shipment recorded: {@code {"shipmentId","lines","carrier","trackingNumber","status":"SHIPPED","shippedAt"}}. */
    record ShipmentResponse(
            String shipmentId,
            List<LineResponse> lines,
            String carrier,
            String trackingNumber,
            String status,
            Instant shippedAt) {}

    /** A delivery accepted: {@code {"orderId","shipmentId"}}. */
    record DeliveryAccepted(String orderId, String shipmentId) {}

    @PostMapping("/api/v1/admin/orders/{id}/shipments")
    ResponseEntity<IdempotentBody<ShipmentResponse>> ship(
            @PathVariable String id,
            @Valid @RequestBody ShipmentRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Authentication authentication) {
        OrderId orderId = orderId(id);
        Actor admin = Caller.from(authentication).actor(null);
        List<ShipmentLine> lines = lines(request);
        return once(authentication, key, Map.of("shipment", id, "body", request), () -> {
            ShipmentReceipt receipt = commands.sendAndWait(new ShipItemsCommand(
                    orderId, lines, blankToNull(request.carrier()), blankToNull(request.trackingNumber()), admin));
            return ResponseEntity.created(
                            URI.create("/api/v1/admin/orders/" + id + "/shipments/" + receipt.shipmentId()))
                    .body(new ShipmentResponse(
                            receipt.shipmentId(),
                            receipt.lines().stream()
                                    .map(line -> new LineResponse(line.sku().value(), line.name(), line.quantity()))
                                    .toList(),
                            receipt.carrier(),
                            receipt.trackingNumber(),
                            "SHIPPED",
                            receipt.shippedAt()));
        });
    }

    @PostMapping("/api/v1/admin/orders/{id}/shipments/{shipmentId}/delivered")
    ResponseEntity<DeliveryAccepted> delivered(
            @PathVariable String id, @PathVariable String shipmentId, Authentication authentication) {
        OrderId orderId = orderId(id);
        if (!shipmentId.matches("S[0-9]{1,6}")) {
            throw ApiException.notFound("Shipment " + shipmentId);
        }
        commands.sendAndWait(new MarkShipmentDeliveredCommand(
                orderId, shipmentId, Caller.from(authentication).actor(null)));
        return ResponseEntity.accepted().body(new DeliveryAccepted(id, shipmentId));
    }

    private static List<ShipmentLine> lines(ShipmentRequest request) {
        Set<String> skus = new HashSet<>();
        for (LineRequest line : request.lines()) {
            if (!skus.add(line.sku())) {
                throw ApiException.badRequest("validation", "sku " + line.sku() + " appears twice in the shipment");
            }
        }
        return request.lines().stream()
                .map(line -> new ShipmentLine(new SkuCode(line.sku()), null, line.quantity()))
                .toList();
    }

    private <T> ResponseEntity<IdempotentBody<T>> once(
            Authentication authentication,
            String key,
            Object request,
            java.util.function.Supplier<ResponseEntity<T>> action) {
        if (key == null) {
            return IdempotentBody.fresh(action.get());
        }
        return idempotency.execute("admin:" + authentication.getName(), key, request, action);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static OrderId orderId(String id) {
        if (!OrderId.isValid(id)) {
            throw ApiException.notFound("Order " + id);
        }
        return new OrderId(id);
    }
}
