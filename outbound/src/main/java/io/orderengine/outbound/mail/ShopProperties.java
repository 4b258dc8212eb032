package io.orderengine.outbound.mail;

import jakarta.validation.constraints.NotBlank;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the shop presents itself to customers in emails.
 *
 * @param name      the shop's name, shown in subjects and signatures
 * @param language  IETF language tag of the emails ({@code en}, {@code de}, {@code he}, {@code ar}); amounts are
 *                  formatted for this language and the order's currency
 * @param orderLink the customer-facing order page; {@code {orderId}} and {@code {orderNumber}} are replaced. Guests
 *                  get it with a signed, expiring link token ({@link GuestLinks}), see docs/notifications.md
 */
@Validated
@ConfigurationProperties("engine.shop")
public record ShopProperties(
        @NotBlank @DefaultValue("Order Engine") String name,
        @NotBlank @DefaultValue("en") String language,

        @NotBlank @DefaultValue("http://localhost:8080/orders/{orderId}")
        String orderLink) {

    public Locale locale() {
        return Locale.forLanguageTag(language);
    }

    /** The order page of one order. */
    public String orderLinkFor(String orderId, String orderNumber) {
        return orderLink.replace("{orderId}", orderId).replace("{orderNumber}", orderNumber == null ? "" : orderNumber);
    }

    /** The order page of one order with a guest's signed link token ({@link GuestLinks}) as {@code token}. */
    public String guestLinkFor(String orderId, String orderNumber, String token) {
        String page = orderLinkFor(orderId, orderNumber);
        return page + (page.contains("?") ? "&" : "?") + "token=" + token;
    }
}
