package io.orderengine.api.shop.checkout;

import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.common.SkuCode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of {@code POST /api/v1/checkout} (PRODUCT.md "Exact shapes"); unknown fields are rejected. */
public record CheckoutRequest(
        @NotEmpty @Size(max = 100) List<@NotNull @Valid Item> items,

        @NoInvisibleCharacters(allowJoiners = false) @Email @Size(max = 254)
        String email,

        @NotNull @Valid AddressRequest shippingAddress,
        @Valid AddressRequest billingAddress,

        @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = "sandbox|stripe|paypal")
        String paymentMethod,

        @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = "[A-Z]{3}")
        String currency,

        @NoInvisibleCharacters(allowJoiners = false) @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9_-]*")
        String discountCode,

        @NoInvisibleCharacters @Size(max = 1000) String notes) {

    public record Item(
            @NoInvisibleCharacters(allowJoiners = false) @NotNull @Pattern(regexp = SkuCode.PATTERN)
            String sku,

            @NotNull @Min(1) @Max(1000) Integer quantity) {}

    public record AddressRequest(
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
