package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import io.orderengine.messages.privacy.DataSubject;
import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.messages.privacy.PersonalDataText;
import org.axonframework.serialization.Revision;

/**
 * The order is {@code CANCELLED}. {@code refundDue} is what was captured and not yet refunded (zero if nothing was
 * paid); {@code stockCommitted} says whether its stock had left the reservations (then it is restocked rather than
 * released). {@code customer} is set when the order's owner cancelled it: their {@code note} (the reason they gave)
 * is then their personal data, stored encrypted and erased with them; a note of an admin or of the engine stays in
 * clear ({@code customer} null, also in events stored before it existed).
 */
@Revision("1")
public record OrderCancelledEvent(
        OrderId orderId,
        OrderStatus from,
        Actor actor,
        @PersonalData String note,
        Money refundDue,
        boolean stockCommitted,
        CustomerRef customer)
        implements OrderStatusChange, DataSubject.Carrier {

    /** A cancellation by an admin or the engine (no personal note). */
    public OrderCancelledEvent(
            OrderId orderId, OrderStatus from, Actor actor, String note, Money refundDue, boolean stockCommitted) {
        this(orderId, from, actor, note, refundDue, stockCommitted, null);
    }

    @Override
    public OrderStatus to() {
        return OrderStatus.CANCELLED;
    }

    /** The owner's subject when they wrote the note, else null (nothing to encrypt). */
    @Override
    public DataSubject dataSubject() {
        return customer == null ? null : customer.dataSubject();
    }

    /** Written without its personal data ({@link PersonalDataText}): this text reaches logs. */
    @Override
    public String toString() {
        return PersonalDataText.of(this);
    }
}
