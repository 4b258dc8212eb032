package io.orderengine.api.admin.catalog;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.PageParameters;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.query.FindSkuQuery;
import io.orderengine.messages.query.ListLowStockSkusQuery;
import io.orderengine.messages.query.ListSkusQuery;
import io.orderengine.messages.sku.AdjustStockCommand;
import io.orderengine.messages.sku.ChangeSkuPriceCommand;
import io.orderengine.messages.sku.DeactivateSkuCommand;
import io.orderengine.messages.sku.ReactivateSkuCommand;
import io.orderengine.messages.sku.ReceiveStockCommand;
import io.orderengine.messages.sku.RegisterSkuCommand;
import io.orderengine.messages.sku.UpdateSkuDetailsCommand;
import io.orderengine.query.sku.SkuPage;
import io.orderengine.query.sku.SkuView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * SKU administration (admins only, as everything under {@code /api/v1/admin}): register SKUs, change their details
 * and price, receive and adjust stock, list every SKU including deactivated ones. The public catalogue is
 * {@code io.orderengine.api.shop.catalog.SkuController}.
 */
@RestController
@Validated
class AdminSkuController {

    private final ConsistentCommands commands;
    private final QueryGateway queries;

    AdminSkuController(ConsistentCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    record RegisterSkuRequest(
            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = SkuCode.PATTERN)
            String sku,

            @NoInvisibleCharacters @NotBlank @Size(max = 200)
            String name,

            @NotNull @Min(0) @Max(100_000_000_000L) Long priceMinor,

            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = "[A-Z]{3}")
            String currency,

            @Min(0) @Max(1_000_000) Integer lowStockThreshold,

            @Size(max = 20)
            Map<@NoInvisibleCharacters @Size(min = 1, max = 40) String, @NoInvisibleCharacters @Size(max = 200) String>
                    attributes,

            @NoInvisibleCharacters(allowJoiners = false) @Size(max = 2000) @Pattern(regexp = "https?://\\S+|/\\S*")
            String imageUrl) {}

    record StockRequest(
            @NotNull @Min(-1_000_000) @Max(1_000_000) Integer delta,

            @NoInvisibleCharacters @NotBlank @Size(max = 200)
            String reason) {}

    record UpdateSkuRequest(
            @NoInvisibleCharacters @Size(min = 1, max = 200) String name,
            @Min(0) @Max(100_000_000_000L) Long priceMinor,

            @NoInvisibleCharacters(allowJoiners = false) @Pattern(regexp = "[A-Z]{3}")
            String currency,

            @Min(0) @Max(1_000_000) Integer lowStockThreshold,

            @Size(max = 20)
            Map<@NoInvisibleCharacters @Size(min = 1, max = 40) String, @NoInvisibleCharacters @Size(max = 200) String>
                    attributes,

            @NoInvisibleCharacters(allowJoiners = false) @Size(max = 2000) @Pattern(regexp = "https?://\\S+|/\\S*")
            String imageUrl,

            Boolean active) {}

    /** Every SKU, deactivated ones included, for the admin's stock view. */
    @GetMapping("/api/v1/admin/skus")
    SkuPage allSkus(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return queries.query(
                        new ListSkusQuery(false, PageParameters.page(page, size, 50)),
                        ResponseTypes.instanceOf(SkuPage.class))
                .join();
    }

    /** {@code GET /api/v1/admin/skus/low-stock?page&size}: SKUs at or below their threshold, scarcest first. */
    @GetMapping("/api/v1/admin/skus/low-stock")
    SkuPage lowStock(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return queries.query(new ListLowStockSkusQuery(PageParameters.page(page, size)), SkuPage.class)
                .join();
    }

    @PostMapping("/api/v1/admin/skus")
    ResponseEntity<SkuView> register(@Valid @RequestBody RegisterSkuRequest request) {
        Money price = money(request.priceMinor(), request.currency());
        int threshold = request.lowStockThreshold() == null ? 0 : request.lowStockThreshold();
        Map<String, String> attributes = request.attributes() == null ? Map.of() : request.attributes();
        commands.sendAndWait(new RegisterSkuCommand(
                new SkuCode(request.sku()), request.name(), price, threshold, attributes, request.imageUrl()));
        SkuView created = new SkuView(
                request.sku(),
                request.name(),
                price.amountMinor(),
                price.currency(),
                attributes,
                request.imageUrl(),
                0,
                0,
                0,
                threshold,
                true,
                true);
        return ResponseEntity.created(URI.create("/api/v1/admin/skus/" + request.sku()))
                .body(created);
    }

    @PostMapping("/api/v1/admin/skus/{sku}/stock")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void stock(@PathVariable @Pattern(regexp = SkuCode.PATTERN) String sku, @Valid @RequestBody StockRequest request) {
        SkuCode code = new SkuCode(sku);
        if (request.delta() == 0) {
            throw ApiException.badRequest("validation", "delta must not be zero");
        }
        if (request.delta() > 0) {
            commands.sendAndWait(new ReceiveStockCommand(code, request.delta(), request.reason()));
        } else {
            commands.sendAndWait(new AdjustStockCommand(code, request.delta(), request.reason()));
        }
    }

    @GetMapping("/api/v1/admin/skus/{sku}")
    SkuView find(@PathVariable @Pattern(regexp = SkuCode.PATTERN) String sku) {
        return current(new SkuCode(sku));
    }

    /**
     * Partial update: only the fields present change; price changes keep the SKU's currency. Answers 204: the
     * catalogue shows the change as soon as the stock projection has applied it.
     */
    @PatchMapping("/api/v1/admin/skus/{sku}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void update(
            @PathVariable @Pattern(regexp = SkuCode.PATTERN) String sku, @Valid @RequestBody UpdateSkuRequest request) {
        SkuCode code = new SkuCode(sku);
        SkuView current = current(code);
        if (request.priceMinor() != null) {
            String currency = request.currency() == null ? current.currency() : request.currency();
            commands.sendAndWait(new ChangeSkuPriceCommand(code, money(request.priceMinor(), currency)));
        }
        if (request.name() != null
                || request.lowStockThreshold() != null
                || request.attributes() != null
                || request.imageUrl() != null) {
            commands.sendAndWait(new UpdateSkuDetailsCommand(
                    code,
                    request.name() != null ? request.name() : current.name(),
                    request.lowStockThreshold() != null ? request.lowStockThreshold() : current.lowStockThreshold(),
                    request.attributes() != null ? request.attributes() : current.attributes(),
                    request.imageUrl() != null ? request.imageUrl() : current.imageUrl()));
        }
        if (request.active() != null && request.active() != current.active()) {
            commands.sendAndWait(
                    request.active()
                            ? new ReactivateSkuCommand(code)
                            : new DeactivateSkuCommand(code, "deactivated by admin"));
        }
    }

    private SkuView current(SkuCode code) {
        SkuView view = queries.query(new FindSkuQuery(code), ResponseTypes.instanceOf(SkuView.class))
                .join();
        if (view == null) {
            throw ApiException.notFound("SKU " + code);
        }
        return view;
    }

    private static Money money(long amountMinor, String currency) {
        if (!Money.isIsoCurrency(currency)) {
            throw ApiException.badRequest("validation", "currency must be an ISO 4217 code");
        }
        return Money.of(amountMinor, currency);
    }
}
