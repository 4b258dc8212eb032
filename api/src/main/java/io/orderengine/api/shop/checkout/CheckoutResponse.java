package io.orderengine.api.shop.checkout;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to a checkout: the new order's id and number, its status, the guest's secret view token (guests only;
 * shown once, only its hash is kept on the order) and the payment action (null until the saga sets up payment).
 */
public record CheckoutResponse(
        String orderId,
        String orderNumber,
        String status,
        @JsonInclude(JsonInclude.Include.NON_NULL) String guestToken,
        Object payment) {}
