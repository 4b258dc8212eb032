package io.orderengine.query.order;

import io.orderengine.messages.query.PageRequest;
import io.orderengine.query.common.Page;
import java.util.List;

/** A page of order list rows: {@code {"items":[...],"page","size","total"}}. */
public record OrderSummaryPage(List<OrderSummaryView> items, int page, int size, long total)
        implements Page<OrderSummaryView> {

    public OrderSummaryPage {
        items = List.copyOf(items);
    }

    static OrderSummaryPage of(List<OrderSummaryView> items, PageRequest request, long total) {
        return new OrderSummaryPage(items, request.page(), request.size(), total);
    }
}
