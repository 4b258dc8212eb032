package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import io.orderengine.messages.privacy.DataSubject;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The order was edited and is now at {@code version}: its lines are {@code lines}, its totals {@code totals}, it ships
 * to {@code shippingAddress}. {@code editedLines} gives every SKU with its quantity before and after (the stock to
 * reserve or give back), {@code balance} is totals.total − totalsBefore.total. {@code paid} says the order's money
 * was captured (and its stock committed), so a negative balance is refunded and a positive one asked for.
 * {@code customer} is whose order it is: the addresses in it are that subject's personal data (stored encrypted).
 * {@code holdId}: the {@link EditStockHeldEvent hold} whose units the edit keeps (null when it added none, and in
 * edits recorded before holds).
 */
@Revision("1")
public record OrderEditedEvent(
        OrderId orderId,
        String editId,
        int version,
        List<OrderEditChange> changes,
        String note,
        List<OrderLine> lines,
        List<EditedLine> editedLines,
        OrderTotals totalsBefore,
        OrderTotals totals,
        Address shippingAddress,
        Money balance,
        boolean paid,
        Actor actor,
        CustomerRef customer,
        String holdId)
        implements DataSubject.Carrier {

    @Override
    public DataSubject dataSubject() {
        return customer.dataSubject();
    }
}
