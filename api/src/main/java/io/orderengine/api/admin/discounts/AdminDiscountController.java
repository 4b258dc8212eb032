package io.orderengine.api.admin.discounts;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.discount.ChangeDiscountCommand;
import io.orderengine.messages.discount.CreateDiscountCommand;
import io.orderengine.messages.discount.DiscountId;
import io.orderengine.messages.discount.DiscountTerms;
import io.orderengine.messages.discount.DiscountType;
import io.orderengine.messages.discount.FindDiscountQuery;
import io.orderengine.messages.discount.ListDiscountsQuery;
import io.orderengine.query.discount.DiscountPage;
import io.orderengine.query.discount.DiscountView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Discount codes as data (admins only): create, list, read and change codes with their validity dates, use limits,
 * minimum subtotal and active flag; each code's view carries its uses (held by unpaid orders, made by paid ones).
 * Checkout reserves a use of the code before it places the order ({@code api.shop.checkout.CheckoutDiscounts}).
 */
@RestController
@Validated
class AdminDiscountController {

    private final ConsistentCommands commands;
    private final QueryGateway queries;

    AdminDiscountController(ConsistentCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /**
     * A new code. {@code value}: basis points for "percent" (1000 = 10 %, at most 10000), minor units of
     * {@code currency} for "fixed". {@code active} defaults to true.
     */
    record CreateDiscountRequest(
            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = DiscountId.PATTERN)
            String code,

            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = "percent|fixed")
            String type,

            @NotNull @Min(1) @Max(100_000_000_000L) Long value,

            @NoInvisibleCharacters(allowJoiners = false) @Pattern(regexp = "[A-Z]{3}")
            String currency,

            Instant validFrom,
            Instant validUntil,
            @Min(1) @Max(1_000_000_000) Integer maxUses,
            @Min(1) @Max(1_000_000_000) Integer maxUsesPerCustomer,
            @Min(0) @Max(100_000_000_000L) Long minimumSubtotalMinor,
            Boolean active) {

        DiscountTerms terms() {
            return new DiscountTerms(
                    code,
                    DiscountType.valueOf(type.toUpperCase(Locale.ROOT)),
                    value,
                    currency,
                    validFrom,
                    validUntil,
                    maxUses,
                    maxUsesPerCustomer,
                    minimumSubtotalMinor == null ? 0 : minimumSubtotalMinor,
                    active == null || active);
        }
    }

    @GetMapping("/api/v1/admin/discounts")
    DiscountPage list() {
        return queries.query(new ListDiscountsQuery(), ResponseTypes.instanceOf(DiscountPage.class))
                .join();
    }

    /** 201 with the new code; 409 {@code already-exists} when a code differing at most in letter case exists. */
    @PostMapping("/api/v1/admin/discounts")
    ResponseEntity<DiscountView> create(@Valid @RequestBody CreateDiscountRequest request) {
        DiscountTerms terms = request.terms();
        commands.sendAndWait(new CreateDiscountCommand(terms.id(), terms));
        DiscountView created = queries.query(
                        new FindDiscountQuery(terms.id()), ResponseTypes.instanceOf(DiscountView.class))
                .join();
        return ResponseEntity.created(URI.create("/api/v1/admin/discounts/" + terms.id()))
                .body(created != null ? created : DiscountView.of(terms, 0, 0, null));
    }

    @GetMapping("/api/v1/admin/discounts/{code}")
    DiscountView find(@PathVariable @Pattern(regexp = DiscountId.PATTERN) String code) {
        return current(DiscountId.of(code));
    }

    /** A JSON merge patch of the terms ({@link DiscountPatch}); answers the code as it is now. */
    @PatchMapping(
            path = "/api/v1/admin/discounts/{code}",
            consumes = {"application/json", "application/merge-patch+json"})
    DiscountView update(
            @PathVariable @Pattern(regexp = DiscountId.PATTERN) String code, @Valid @RequestBody DiscountPatch patch) {
        DiscountId id = DiscountId.of(code);
        DiscountTerms terms = patch.applyTo(current(id).terms());
        commands.sendAndWait(new ChangeDiscountCommand(id, terms));
        return current(id);
    }

    private DiscountView current(DiscountId id) {
        DiscountView view = queries.query(new FindDiscountQuery(id), ResponseTypes.instanceOf(DiscountView.class))
                .join();
        if (view == null) {
            throw ApiException.notFound("Discount code " + id);
        }
        return view;
    }
}
