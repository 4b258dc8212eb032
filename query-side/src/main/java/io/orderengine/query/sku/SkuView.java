package io.orderengine.query.sku;

import java.util.Map;

/**
 * A SKU with its stock: one item of the catalogue ({@code GET /api/v1/skus}) and of the admin's stock view.
 * {@code priceMinor} is in minor units of {@code currency}; {@code available} = {@code onHand} − {@code reserved};
 * {@code lowStock} is true when {@code available} is at or below {@code lowStockThreshold}.
 */
public record SkuView(
        String sku,
        String name,
        long priceMinor,
        String currency,
        Map<String, String> attributes,
        String imageUrl,
        int onHand,
        int reserved,
        int available,
        int lowStockThreshold,
        boolean lowStock,
        boolean active) {

    public SkuView {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
