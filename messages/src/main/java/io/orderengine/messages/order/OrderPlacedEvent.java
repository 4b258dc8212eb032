package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import io.orderengine.messages.privacy.DataSubject;
import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.messages.privacy.PersonalDataText;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** An order was placed and is {@code PENDING} while its stock is reserved. Carries everything a projection or notification needs. */
@Revision("1")
public record OrderPlacedEvent(
        OrderId orderId,
        OrderNumber orderNumber,
        CustomerRef customer,
        List<OrderLine> lines,
        OrderTotals totals,
        Address shippingAddress,
        Address billingAddress,
        PaymentMethod paymentMethod,
        String discountCode,
        @PersonalData String notes,
        Instant placedAt,
        Actor actor)
        implements OrderStatusChange, DataSubject.Carrier {
    @Override
    public DataSubject dataSubject() {
        return customer.dataSubject();
    }

    @Override
    public OrderStatus from() {
        return null;
    }

    @Override
    public OrderStatus to() {
        return OrderStatus.PENDING;
    }

    @Override
    public String note() {
        return "placed";
    }

    /** Written without its personal data ({@link PersonalDataText}): this text reaches logs. */
    @Override
    public String toString() {
        return PersonalDataText.of(this);
    }
}
