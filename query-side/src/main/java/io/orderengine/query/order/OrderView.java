package io.orderengine.query.order;

import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything about one order as its owner or an admin sees it: the body of {@code GET /api/v1/orders/{id}}.
 * Serializes with Jackson's default record serialization to
 * {@code {"orderId","orderNumber","status","paymentStatus","paymentMethod","customer":{"customerId","email","guest"},
 * "lines":[...],"totals":{...},"shippingAddress":{...},"billingAddress":{...}|null,"discountCode","notes",
 * "adminNotes":[...],"trackingNumber","estimatedDelivery","shortages":[...],"statusHistory":[...],
 * "payment":{...}|null,"placedAt","updatedAt","shipments":[...],"version","edits":[...],"returns":[...]}}. The guest token hash is never part of it.
 *
 * @param paymentMethod    what the customer chose at checkout ({@code sandbox}, {@code stripe}, {@code paypal})
 * @param adminNotes       notes admins wrote; {@link #forCustomer()} leaves them out
 * @param shortages        what was missing when the order was rejected for lack of stock; empty otherwise
 * @param statusHistory    every status change, oldest first, starting with placement ({@code from} null)
 * @param payment          the gateway side of the payment; null until the order waits for payment
 * @param estimatedDelivery null until shipped with an estimate
 * @param shipments        the parcels shipped so far, oldest first
 * @param version          1 when placed, one more with each edit
 * @param edits            the edits before shipping, oldest first
 * @param returns          the returns asked for so far, oldest first
 */
public record OrderView(
        String orderId,
        String orderNumber,
        OrderStatus status,
        PaymentStatus paymentStatus,
        String paymentMethod,
        Customer customer,
        List<Line> lines,
        Totals totals,
        PostalAddress shippingAddress,
        PostalAddress billingAddress,
        String discountCode,
        String notes,
        List<AdminNote> adminNotes,
        String trackingNumber,
        LocalDate estimatedDelivery,
        List<Shortage> shortages,
        List<StatusChange> statusHistory,
        Payment payment,
        Instant placedAt,
        Instant updatedAt,
        List<Shipment> shipments,
        int version,
        List<Edit> edits,
        List<Return> returns) {

    public OrderView {
        shipments = shipments == null ? List.of() : List.copyOf(shipments);
        edits = edits == null ? List.of() : List.copyOf(edits);
        returns = returns == null ? List.of() : List.copyOf(returns);
        version = Math.max(1, version);
        lines = List.copyOf(lines);
        adminNotes = List.copyOf(adminNotes);
        shortages = List.copyOf(shortages);
        statusHistory = List.copyOf(statusHistory);
    }

    /** A view of an order never edited (version 1) and without returns. */
    public OrderView(
            String orderId,
            String orderNumber,
            OrderStatus status,
            PaymentStatus paymentStatus,
            String paymentMethod,
            Customer customer,
            List<Line> lines,
            Totals totals,
            PostalAddress shippingAddress,
            PostalAddress billingAddress,
            String discountCode,
            String notes,
            List<AdminNote> adminNotes,
            String trackingNumber,
            LocalDate estimatedDelivery,
            List<Shortage> shortages,
            List<StatusChange> statusHistory,
            Payment payment,
            Instant placedAt,
            Instant updatedAt,
            List<Shipment> shipments) {
        this(
                orderId,
                orderNumber,
                status,
                paymentStatus,
                paymentMethod,
                customer,
                lines,
                totals,
                shippingAddress,
                billingAddress,
                discountCode,
                notes,
                adminNotes,
                trackingNumber,
                estimatedDelivery,
                shortages,
                statusHistory,
                payment,
                placedAt,
                updatedAt,
                shipments,
                1,
                List.of(),
                List.of());
    }

    /** A view of an order without shipments. */
    public OrderView(
            String orderId,
            String orderNumber,
            OrderStatus status,
            PaymentStatus paymentStatus,
            String paymentMethod,
            Customer customer,
            List<Line> lines,
            Totals totals,
            PostalAddress shippingAddress,
            PostalAddress billingAddress,
            String discountCode,
            String notes,
            List<AdminNote> adminNotes,
            String trackingNumber,
            LocalDate estimatedDelivery,
            List<Shortage> shortages,
            List<StatusChange> statusHistory,
            Payment payment,
            Instant placedAt,
            Instant updatedAt) {
        this(
                orderId,
                orderNumber,
                status,
                paymentStatus,
                paymentMethod,
                customer,
                lines,
                totals,
                shippingAddress,
                billingAddress,
                discountCode,
                notes,
                adminNotes,
                trackingNumber,
                estimatedDelivery,
                shortages,
                statusHistory,
                payment,
                placedAt,
                updatedAt,
                List.of());
    }

    /** The same view without the admins' notes, for the customer or guest who owns the order. */
    public OrderView forCustomer() {
        return new OrderView(
                orderId,
                orderNumber,
                status,
                paymentStatus,
                paymentMethod,
                customer,
                lines,
                totals,
                shippingAddress,
                billingAddress,
                discountCode,
                notes,
                List.of(),
                trackingNumber,
                estimatedDelivery,
                shortages,
                statusHistory,
                payment,
                placedAt,
                updatedAt,
                shipments,
                version,
                edits,
                returns);
    }

    /** Whose order it is: {@code customerId} is the JWT subject of a signed-in customer, null for a guest. */
    public record Customer(String customerId, String email, boolean guest) {}

    /** A line as snapshotted at placement; amounts in minor units of the order's currency. */
    public record Line(
            String sku,
            String name,
            long unitPriceMinor,
            int quantity,
            Map<String, String> attributes,
            String imageUrl,
            long lineTotalMinor) {
        public Line {
            attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        }
    }

    /** The order's totals in minor units: total = subtotal − discount + shipping + tax. */
    public record Totals(
            long subtotalMinor,
            long discountMinor,
            long shippingMinor,
            long taxMinor,
            long totalMinor,
            String currency,
            long taxRateBasisPoints) {}

    /** A postal address; {@code country} is ISO 3166-1 alpha-2. */
    public record PostalAddress(
            String fullName,
            String phone,
            String line1,
            String line2,
            String city,
            String region,
            String postalCode,
            String country) {}

    /** One status change: when ({@code at}, the event's time), who and why. {@code from} is null for placement. */
    public record StatusChange(OrderStatus from, OrderStatus to, Instant at, ActorRef actor, String note) {}

    /** Who did something: {@code type} is customer, guest, admin or system. */
    public record ActorRef(String type, String id) {}

    /** A note an admin wrote on the order. */
    public record AdminNote(Instant at, ActorRef actor, String note) {}

    /**
     * A parcel: {@code status} is SHIPPED until it arrives, then DELIVERED ({@code deliveredAt} set); {@code carrier}
     * and {@code trackingNumber} may be null.
     */
    public record Shipment(
            String shipmentId,
            List<ShipmentLine> lines,
            String carrier,
            String trackingNumber,
            String status,
            Instant shippedAt,
            Instant deliveredAt) {
        public Shipment {
            lines = List.copyOf(lines);
        }
    }

    /**
     * A return: {@code status} REQUESTED, RECEIVED, REFUNDED or REJECTED; {@code refundMinor} is what the order
     * works out when it is received (0 before); {@code receivedAt} null until then.
     */
    public record Return(
            String returnId,
            String status,
            List<ReturnLine> lines,
            long refundMinor,
            Instant requestedAt,
            Instant receivedAt) {
        public Return {
            lines = List.copyOf(lines);
        }
    }

    /** Units of one SKU in a return; {@code restock} is null until received (then: back on hand or not). */
    public record ReturnLine(String sku, int quantity, String reason, Boolean restock) {}

    /** Units of one SKU in a shipment. */
    public record ShipmentLine(String sku, String name, int quantity) {}

    /** A SKU that could not be reserved: {@code requested} units asked for, {@code available} were left. */
    public record Shortage(String sku, int requested, int available) {}

    /**
     * Payment metadata only, never card data. Amounts in minor units of the order's currency; {@code reference} is the
     * gateway's payment id (intent, PayPal order, sandbox payment), {@code captureReference} the capture's id.
     * {@code action} tells the client how to pay while the order waits for payment; null otherwise. {@code attempt}
     * is the payment attempt the order is on, from 1; {@code failureReason} the gateway's reason when the payment of
     * that attempt failed (the order then waits for another attempt while attempts are left).
     */
    public record Payment(
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

    /**
     * What the client must do to pay: {@code type} is sandbox, stripe or paypal; {@code url} is where to go or post.
     * A Stripe client secret is never stored here; the api adds it when it answers.
     */
    public record Action(String type, String url) {}

    /**
     * An edit of the order: who made it, its changes, the balance (new total − old: negative is refunded) and where
     * its money is ({@code SETTLED}, or {@code REFUND_PENDING} until the refund is recorded).
     */
    public record Edit(
            String editId,
            int version,
            Instant at,
            ActorRef actor,
            String note,
            List<EditChange> changes,
            long balanceMinor,
            String status) {
        public Edit {
            changes = List.copyOf(changes);
        }
    }

    /** One change of an edit: {@code type} add_line, set_quantity, remove_line or set_shipping_address. */
    public record EditChange(String type, String sku, Integer quantity, PostalAddress address) {}
}
