package io.orderengine.api.web;

import io.orderengine.messages.common.OrderId;

/** Order ids in URLs, for shop and admin endpoints alike. */
public final class OrderIds {

    private OrderIds() {}

    /** The order id in a path; a malformed one is answered like an unknown order (404), so ids cannot be probed. */
    public static OrderId fromPath(String id) {
        if (!OrderId.isValid(id)) {
            throw ApiException.notFound("Order");
        }
        return new OrderId(id);
    }
}
