package io.orderengine.api.admin.discounts;

import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.discount.DiscountTerms;
import io.orderengine.messages.discount.DiscountType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * A JSON merge patch (RFC 7396) of a discount code's terms: a field left out stays as it is, a field sent with a
 * value takes it, and {@code null} removes an optional bound ({@code currency}, {@code validFrom}, {@code validUntil},
 * {@code maxUses}, {@code maxUsesPerCustomer}; {@code minimumSubtotalMinor} goes back to 0). The code itself never
 * changes. A mutable bean rather than a record, because only its setters tell a field sent as null from one left out.
 */
class DiscountPatch {

    private final Set<String> present = new HashSet<>();

    @NoInvisibleCharacters(allowJoiners = false)
    @Pattern(regexp = "percent|fixed")
    private String type;

    @Min(1)
    @Max(100_000_000_000L)
    private Long value;

    @NoInvisibleCharacters(allowJoiners = false)
    @Pattern(regexp = "[A-Z]{3}")
    private String currency;

    private Instant validFrom;
    private Instant validUntil;

    @Min(1)
    @Max(1_000_000_000)
    private Integer maxUses;

    @Min(1)
    @Max(1_000_000_000)
    private Integer maxUsesPerCustomer;

    @Min(0)
    @Max(100_000_000_000L)
    private Long minimumSubtotalMinor;

    private Boolean active;

    /** The terms after this patch. */
    DiscountTerms applyTo(DiscountTerms current) {
        if ((present.contains("type") && type == null)
                || (present.contains("value") && value == null)
                || (present.contains("active") && active == null)) {
            throw ApiException.badRequest("validation", "type, value and active cannot be removed");
        }
        return new DiscountTerms(
                current.code(),
                present.contains("type") ? DiscountType.valueOf(type.toUpperCase(Locale.ROOT)) : current.type(),
                present.contains("value") ? value : current.value(),
                present.contains("currency") ? currency : current.currency(),
                present.contains("validFrom") ? validFrom : current.validFrom(),
                present.contains("validUntil") ? validUntil : current.validUntil(),
                present.contains("maxUses") ? maxUses : current.maxUses(),
                present.contains("maxUsesPerCustomer") ? maxUsesPerCustomer : current.maxUsesPerCustomer(),
                present.contains("minimumSubtotalMinor")
                        ? (minimumSubtotalMinor == null ? 0 : minimumSubtotalMinor)
                        : current.minimumSubtotalMinor(),
                present.contains("active") ? active : current.active());
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        present.add("type");
        this.type = type;
    }

    public Long getValue() {
        return value;
    }

    public void setValue(Long value) {
        present.add("value");
        this.value = value;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        present.add("currency");
        this.currency = currency;
    }

    public Instant getValidFrom() {
        return validFrom;
    }

    public void setValidFrom(Instant validFrom) {
        present.add("validFrom");
        this.validFrom = validFrom;
    }

    public Instant getValidUntil() {
        return validUntil;
    }

    public void setValidUntil(Instant validUntil) {
        present.add("validUntil");
        this.validUntil = validUntil;
    }

    public Integer getMaxUses() {
        return maxUses;
    }

    public void setMaxUses(Integer maxUses) {
        present.add("maxUses");
        this.maxUses = maxUses;
    }

    public Integer getMaxUsesPerCustomer() {
        return maxUsesPerCustomer;
    }

    public void setMaxUsesPerCustomer(Integer maxUsesPerCustomer) {
        present.add("maxUsesPerCustomer");
        this.maxUsesPerCustomer = maxUsesPerCustomer;
    }

    public Long getMinimumSubtotalMinor() {
        return minimumSubtotalMinor;
    }

    public void setMinimumSubtotalMinor(Long minimumSubtotalMinor) {
        present.add("minimumSubtotalMinor");
        this.minimumSubtotalMinor = minimumSubtotalMinor;
    }

    public Boolean getActive() {
        return active;
    }

    public void setActive(Boolean active) {
        present.add("active");
        this.active = active;
    }
}
