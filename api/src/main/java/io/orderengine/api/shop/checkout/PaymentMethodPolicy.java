package io.orderengine.api.shop.checkout;

import io.orderengine.messages.order.PaymentMethod;

/** Which payment methods the shop offers at checkout (a provider only when its keys are configured). */
public interface PaymentMethodPolicy {

    boolean offered(PaymentMethod method);
}
