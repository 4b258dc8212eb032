package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import org.axonframework.serialization.Revision;

/** The customer authorized the balance payment of edit {@code editId}; the edit-balance saga captures it. */
@Revision("1")
public record EditBalanceAuthorizedEvent(OrderId orderId, String editId, String paymentReference)
        implements EditBalanceChange {}
