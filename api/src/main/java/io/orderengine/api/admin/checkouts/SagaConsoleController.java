package io.orderengine.api.admin.checkouts;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.security.Caller;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.PageParameters;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.payment.CompensateCheckoutCommand;
import io.orderengine.messages.payment.RetryCheckoutStepCommand;
import io.orderengine.messages.query.PageRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The saga operations console (admins only, as everything under {@code /api/v1/admin}):
 * <ul>
 * <li>{@code GET /api/v1/admin/sagas?state=running|stuck|confirmed|all&page&size} → {@code {"items":[RunningCheckout],
 *     "page","size","total"}}, oldest order first; {@code running} (the default) is every checkout that is not paid
 *     yet or still has gateway work after a cancellation, {@code stuck} those a human should look at.</li>
 * <li>{@code GET /api/v1/admin/sagas/{orderId}} → the checkout of that order, 404 when its saga has ended.</li>
 * </ul>
 * What to do with a stuck one: {@code POST /api/v1/admin/sagas/{orderId}/retry} (the failed step again) or
 * {@code .../compensate} (give the checkout up: void or refund, release stock, cancel), each with an optional
 * {@code {"note"}}, → 202 {@code {"orderId","requested":"retry|compensate"}}; 404 for an order without a checkout
 * saga, so nothing is recorded for unknown ids. Both are recorded with the admin's identity in the order's event
 * history.
 */
@RestController
@Validated
class SagaConsoleController {

    private final CheckoutSagas checkouts;
    private final ConsistentCommands commands;

    SagaConsoleController(CheckoutSagas checkouts, ConsistentCommands commands) {
        this.checkouts = checkouts;
        this.commands = commands;
    }

    record CheckoutPage(List<RunningCheckout> items, int page, int size, long total) {}

    record ActionRequest(
            @NoInvisibleCharacters @Size(max = 500) String note) {}

    /** A retry or compensation accepted: {@code requested} is {@code retry} or {@code compensate}. */
    record ActionAccepted(String orderId, String requested) {}

    @GetMapping("/api/v1/admin/sagas")
    CheckoutPage list(
            @RequestParam(defaultValue = "running") @Size(max = 20) String state,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        PageRequest asked = PageParameters.page(page, size);
        CheckoutSagaState filter = CheckoutSagaState.fromWire(state)
                .orElseThrow(() ->
                        ApiException.badRequest("validation", "state must be one of running, stuck, confirmed, all"));
        List<RunningCheckout> matching =
                checkouts.all().stream().filter(filter::includes).toList();
        int from = (int) Math.min(asked.offset(), matching.size());
        int to = Math.min(from + asked.size(), matching.size());
        return new CheckoutPage(matching.subList(from, to), asked.page(), asked.size(), matching.size());
    }

    @GetMapping("/api/v1/admin/sagas/{orderId}")
    RunningCheckout one(@PathVariable String orderId) {
        if (!OrderId.isValid(orderId)) {
            throw ApiException.notFound("Checkout " + orderId);
        }
        return checkouts.of(new OrderId(orderId)).orElseThrow(() -> ApiException.notFound("Checkout " + orderId));
    }

    @PostMapping("/api/v1/admin/sagas/{orderId}/retry")
    ResponseEntity<ActionAccepted> retry(
            @PathVariable String orderId,
            @Valid @RequestBody(required = false) ActionRequest request,
            Authentication authentication) {
        commands.sendAndWait(new RetryCheckoutStepCommand(
                existing(orderId),
                Caller.from(authentication).actor(null),
                request == null || request.note() == null ? "retried by admin" : request.note()));
        return ResponseEntity.accepted().body(new ActionAccepted(orderId, "retry"));
    }

    @PostMapping("/api/v1/admin/sagas/{orderId}/compensate")
    ResponseEntity<ActionAccepted> compensate(
            @PathVariable String orderId,
            @Valid @RequestBody(required = false) ActionRequest request,
            Authentication authentication) {
        commands.sendAndWait(new CompensateCheckoutCommand(
                existing(orderId),
                Caller.from(authentication).actor(null),
                request == null || request.note() == null ? "compensated by admin" : request.note()));
        return ResponseEntity.accepted().body(new ActionAccepted(orderId, "compensate"));
    }

    /** The order id of a checkout that exists; 404 for anything else, so nothing is recorded for unknown ids. */
    private OrderId existing(String value) {
        if (!OrderId.isValid(value) || checkouts.of(new OrderId(value)).isEmpty()) {
            throw ApiException.notFound("Checkout " + value);
        }
        return new OrderId(value);
    }
}
