package io.orderengine.api.shop.checkout;

import io.orderengine.api.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one order may hold ({@code engine.checkout.*}): at most {@code maxUnitsPerLine} units of one SKU (the items of
 * a SKU added up) and {@code maxUnitsPerOrder} units in all, so one unpaid checkout cannot hold the catalogue's stock
 * until its payment deadline. Checked at checkout; a breach is a 422 problem {@code order-limit-exceeded} naming the
 * limit.
 */
@ConfigurationProperties("engine.checkout")
public record CheckoutLimits(
        @DefaultValue("10") int maxUnitsPerLine,
        @DefaultValue("50") int maxUnitsPerOrder) {

    public CheckoutLimits {
        if (maxUnitsPerLine < 1 || maxUnitsPerOrder < 1) {
            throw new IllegalArgumentException(
                    "engine.checkout.max-units-per-line and max-units-per-order must be at least 1");
        }
    }

    /** Refuses {@code items} beyond a limit (422), naming the limit and the SKU. */
    void check(List<CheckoutRequest.Item> items) {
        Map<String, Integer> perSku = new LinkedHashMap<>();
        items.forEach(item -> perSku.merge(item.sku(), item.quantity(), Integer::sum));
        int total = 0;
        for (Map.Entry<String, Integer> line : perSku.entrySet()) {
            if (line.getValue() > maxUnitsPerLine) {
                throw ApiException.unprocessable(
                        "order-limit-exceeded",
                        "At most " + maxUnitsPerLine + " units of one SKU per order (max-units-per-line); "
                                + line.getKey() + " has " + line.getValue() + ".");
            }
            total += line.getValue();
        }
        if (total > maxUnitsPerOrder) {
            throw ApiException.unprocessable(
                    "order-limit-exceeded",
                    "At most " + maxUnitsPerOrder + " units per order (max-units-per-order); this order has " + total
                            + ".");
        }
    }
}
