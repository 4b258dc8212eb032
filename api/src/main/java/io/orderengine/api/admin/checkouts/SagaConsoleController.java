package io.orderengine.api.admin.checkouts;

import io.orderengine.api.web.ApiException;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.query.PageRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
 * {@code .../compensate} (give the checkout up: void or refund, release stock, cancel).
 */
@RestController
@Validated
class SagaConsoleController {

    private final CheckoutSagas checkouts;

    SagaConsoleController(CheckoutSagas checkouts) {
        this.checkouts = checkouts;
    }

    record CheckoutPage(List<RunningCheckout> items, int page, int size, long total) {
    }

    @GetMapping("/api/v1/admin/sagas")
    CheckoutPage list(@RequestParam(defaultValue = "running") @Size(max = 20) String state,
                      @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        CheckoutSagaState filter = CheckoutSagaState.fromWire(state).orElseThrow(() -> ApiException.badRequest(
                "validation", "state must be one of running, stuck, confirmed, all"));
        List<RunningCheckout> matching = checkouts.all().stream().filter(filter::includes).toList();
        int from = (int) Math.min((long) page * size, matching.size());
        int to = Math.min(from + size, matching.size());
        return new CheckoutPage(matching.subList(from, to), page, size, matching.size());
    }

    @GetMapping("/api/v1/admin/sagas/{orderId}")
    RunningCheckout one(@PathVariable String orderId) {
        if (!OrderId.isValid(orderId)) {
            throw ApiException.notFound("Checkout " + orderId);
        }
        return checkouts.of(new OrderId(orderId)).orElseThrow(() -> ApiException.notFound("Checkout " + orderId));
    }
}
