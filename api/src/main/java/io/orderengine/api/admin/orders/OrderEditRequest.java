package io.orderengine.api.admin.orders;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.common.SkuCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code POST /api/v1/admin/orders/{id}/edits}: the changes, a note for the order's history, and whether
 * this is only a preview ({@code dryRun}, the default false).
 */
record OrderEditRequest(
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Change> changes,
        @NoInvisibleCharacters @Size(max = 1000) String note,
        Boolean dryRun) {

    boolean preview() {
        return Boolean.TRUE.equals(dryRun);
    }

    /** What a change may be, in the API's lower-case spelling. */
    enum ChangeType {
        ADD_LINE,
        SET_QUANTITY,
        REMOVE_LINE,
        SET_SHIPPING_ADDRESS;

        @JsonCreator
        static ChangeType of(String value) {
            for (ChangeType type : values()) {
                if (type.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("type must be one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT) + ", got '" + value + "'");
        }
    }

    /** One change: {@code sku} and {@code quantity} for the line changes, {@code address} for a new destination. */
    record Change(
            @NotNull ChangeType type,

            @NoInvisibleCharacters(allowJoiners = false) @Pattern(regexp = SkuCode.PATTERN)
            String sku,

            @Min(0) @Max(1000) Integer quantity,
            @Valid Address address) {}

    record Address(
            @NoInvisibleCharacters @NotBlank @Size(max = 200)
            String fullName,

            @NoInvisibleCharacters(allowJoiners = false) @Size(max = 32) @Pattern(regexp = "\\+?[0-9 ()-]{4,32}")
            String phone,

            @NoInvisibleCharacters @NotBlank @Size(max = 200)
            String line1,

            @NoInvisibleCharacters @Size(max = 200) String line2,

            @NoInvisibleCharacters @NotBlank @Size(max = 100)
            String city,

            @NoInvisibleCharacters @Size(max = 100) String region,
            @NoInvisibleCharacters @Size(max = 20) String postalCode,

            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = "[A-Z]{2}")
            String country) {}
}
