package io.orderengine.api.web;

import io.orderengine.messages.common.OrderId;

/** Order ids in URLs, for shop and admin endpoints alike. */
public final class OrderIds {

    private OrderIds() {}

    /** The order id in a path; a malformed one is answered like an unknown order (404), so ids cannot be probed. */
    public static OrderId fromPath(String id) {
        if (!OrderId.isValid(id)) {
            throw notFound();
        }
        return new OrderId(id);
    }

    /**
     * The one 404 for an order a caller may not see: the same status, type, title, detail and headers whether the
     * order does not exist, belongs to someone else or the id is malformed, so existing ids cannot be told apart.
     */
    public static ApiException notFound() {
        return ApiException.notFound("Order");
    }
}
