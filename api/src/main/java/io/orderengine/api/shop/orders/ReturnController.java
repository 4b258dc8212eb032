package io.orderengine.api.shop.orders;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.idempotency.ClientIdempotency;
import io.orderengine.api.idempotency.IdempotentBody;
import io.orderengine.api.security.Caller;
import io.orderengine.api.shop.orders.live.OrderAccess;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.RequestReturnCommand;
import io.orderengine.messages.order.ReturnLine;
import io.orderengine.query.order.OrderView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A return of shipped units, asked for by the order's owner, a guest with its token or an admin (anyone else: 404).
 * The order decides what may come back (409 naming what is left, or when the return window has closed; 422 for a SKU
 * it does not have); an admin then receives or rejects the return. With an Idempotency-Key a retried request gets the
 * first answer again instead of asking twice.
 */
@RestController
@Validated
class ReturnController {

    private final ConsistentCommands commands;
    private final OrderAccess access;
    private final ClientIdempotency idempotency;

    ReturnController(ConsistentCommands commands, OrderAccess access, ClientIdempotency idempotency) {
        this.commands = commands;
        this.access = access;
        this.idempotency = idempotency;
    }

    record LineRequest(
            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = SkuCode.PATTERN)
            String sku,

            @NotNull @Min(1) @Max(1_000_000) Integer quantity,
            @NoInvisibleCharacters @Size(max = 500) String reason) {}

    record ReturnRequest(@NotEmpty @Size(max = 200) List<@Valid @NotNull LineRequest> lines) {}

    record LineResponse(String sku, int quantity, String reason) {}

    /** A return asked for: {@code {"returnId","status":"REQUESTED","lines"}}. */
    record ReturnResponse(String returnId, String status, List<LineResponse> lines) {}

    @PostMapping("/api/v1/orders/{id}/returns")
    ResponseEntity<IdempotentBody<ReturnResponse>> request(
            @PathVariable String id,
            @RequestParam(required = false) @Size(max = 128) String token,
            @Valid @RequestBody ReturnRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            Authentication authentication) {
        Caller caller = Caller.from(authentication);
        OrderView order = access.readable(id, token, caller);
        List<ReturnLine> lines = request.lines().stream()
                .map(line -> new ReturnLine(new SkuCode(line.sku()), null, line.quantity(), blankToNull(line.reason())))
                .toList();
        Supplier<ResponseEntity<ReturnResponse>> ask = () -> {
            String returnId = commands.sendAndWait(
                    new RequestReturnCommand(new OrderId(order.orderId()), lines, caller.actor(order.orderId())));
            return ResponseEntity.created(URI.create("/api/v1/orders/" + order.orderId() + "#return-" + returnId))
                    .body(new ReturnResponse(
                            returnId,
                            "REQUESTED",
                            lines.stream()
                                    .map(line -> new LineResponse(line.sku().value(), line.quantity(), line.reason()))
                                    .toList()));
        };
        if (key == null) {
            return IdempotentBody.fresh(ask.get());
        }
        String scope = caller.subjectIfSignedIn().map(s -> "subject:" + s).orElse("guest:" + order.orderId());
        return idempotency.execute(scope, key, Map.of("return", order.orderId(), "body", request), ask);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
