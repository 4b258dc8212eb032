package io.orderengine.query.sku;

import io.orderengine.messages.query.PageRequest;
import io.orderengine.query.common.Page;
import java.util.List;

/** A page of SKU stock views: {@code {"items":[...],"page","size","total"}}. */
public record SkuPage(List<SkuView> items, int page, int size, long total) implements Page<SkuView> {

    public SkuPage {
        items = List.copyOf(items);
    }

    static SkuPage of(List<SkuView> items, PageRequest request, long total) {
        return new SkuPage(items, request.page(), request.size(), total);
    }
}
