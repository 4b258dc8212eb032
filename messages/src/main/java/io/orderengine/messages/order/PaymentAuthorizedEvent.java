package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** Payment status {@code AUTHORIZED}: card brand and last 4 digits at most, never card data. */
@Revision("1")
public record PaymentAuthorizedEvent(
        OrderId orderId,
        PaymentMethod provider,
        String paymentReference,
        Money amount,
        String cardBrand,
        String cardLast4) {}
