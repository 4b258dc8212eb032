package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import io.orderengine.messages.privacy.DataSubject;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Edit {@code editId} was undone because its balance was not paid ({@code reason}): the order is at the new
 * {@code version} with the lines, totals and shipping address it had before the edit, and its payment is
 * {@code paymentStatus} again. {@code editedLines} gives every SKU with its quantity before and after the rollback
 * (the stock to give back or take again). {@code customer}: as in {@link OrderEditedEvent}.
 */
@Revision("1")
public record OrderEditRolledBackEvent(
        OrderId orderId,
        String editId,
        int version,
        List<OrderLine> lines,
        List<EditedLine> editedLines,
        OrderTotals totals,
        Address shippingAddress,
        PaymentStatus paymentStatus,
        String reason,
        Actor actor,
        CustomerRef customer)
        implements EditBalanceChange, DataSubject.Carrier {

    @Override
    public DataSubject dataSubject() {
        return customer.dataSubject();
    }
}
