package io.orderengine.api.shop.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.query.order.OrderView;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code GET /api/v1/orders/{id}}: the {@link OrderView} field for field, except that a Stripe payment's
 * action may carry the PaymentIntent's {@code clientSecret}, fetched for this answer only (never stored). Without a
 * client secret the JSON is exactly the view's.
 */
record OrderResponse(
        String orderId,
        String orderNumber,
        OrderStatus status,
        PaymentStatus paymentStatus,
        String paymentMethod,
        OrderView.Customer customer,
        List<OrderView.Line> lines,
        OrderView.Totals totals,
        OrderView.PostalAddress shippingAddress,
        OrderView.PostalAddress billingAddress,
        String discountCode,
        String notes,
        List<OrderView.AdminNote> adminNotes,
        String trackingNumber,
        LocalDate estimatedDelivery,
        List<OrderView.Shortage> shortages,
        List<OrderView.StatusChange> statusHistory,
        Payment payment,
        Instant placedAt,
        Instant updatedAt,
        List<OrderView.Shipment> shipments,
        int version,
        List<OrderView.Edit> edits,
        List<OrderView.Return> returns) {

    /** {@link OrderView.Payment} with an {@link Action} that may carry a client secret. */
    record Payment(
            String provider,
            String brand,
            String last4,
            long amountMinor,
            long capturedMinor,
            long refundedMinor,
            long refundPendingMinor,
            String reference,
            String captureReference,
            String failureReason,
            Action action,
            int attempt) {}

    /** {@link OrderView.Action} plus, for Stripe while the order waits for payment, the client secret. */
    record Action(
            String type,
            String url,
            @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret) {}

    static OrderResponse of(OrderView view) {
        return of(view, null);
    }

    static OrderResponse of(OrderView view, String clientSecret) {
        OrderView.Payment p = view.payment();
        Payment payment = p == null
                ? null
                : new Payment(
                        p.provider(),
                        p.brand(),
                        p.last4(),
                        p.amountMinor(),
                        p.capturedMinor(),
                        p.refundedMinor(),
                        p.refundPendingMinor(),
                        p.reference(),
                        p.captureReference(),
                        p.failureReason(),
                        p.action() == null
                                ? null
                                : new Action(p.action().type(), p.action().url(), clientSecret),
                        p.attempt());
        return new OrderResponse(
                view.orderId(),
                view.orderNumber(),
                view.status(),
                view.paymentStatus(),
                view.paymentMethod(),
                view.customer(),
                view.lines(),
                view.totals(),
                view.shippingAddress(),
                view.billingAddress(),
                view.discountCode(),
                view.notes(),
                view.adminNotes(),
                view.trackingNumber(),
                view.estimatedDelivery(),
                view.shortages(),
                view.statusHistory(),
                payment,
                view.placedAt(),
                view.updatedAt(),
                view.shipments(),
                view.version(),
                view.edits(),
                view.returns());
    }
}
