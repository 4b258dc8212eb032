package io.orderengine.saga.checkout;

import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.ShortSku;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The checkout's state in the shape sagas were stored in before {@link CheckoutState} (plain strings, the total apart
 * from its currency): what a saga already in the store holds under {@code progress}, and the view the operations
 * console reads through {@link CheckoutSaga#getProgress()}. The saga itself keeps a {@link CheckoutState}. Its
 * {@link Stage} and {@link FailedStep} are the saga's own.
 */
public class CheckoutProgress {

    /** Where the checkout is. */
    public enum Stage {
        /** Reservations sent; waiting for every SKU's answer. */
        RESERVING_STOCK,
        /** Stock held; the payment is being set up at the gateway. */
        AUTHORIZING,
        /** The customer has to pay. */
        AWAITING_PAYMENT,
        /** The gateway holds the money; capturing it. */
        CAPTURING,
        /** Paid; stays until shipped so a cancellation can refund and restock. */
        CONFIRMED,
        /** The order was cancelled; a gateway step (refund or void) is still to be done. */
        CANCELLED,
        /** Only carrying out refunds: the order was shipped, or the saga started for a refund after its checkout ended. */
        REFUNDING
    }

    /** A gateway step that failed after its retries; an admin retries it or compensates. */
    public enum FailedStep {
        AUTHORIZE,
        CAPTURE,
        COMPENSATE,
        CANCEL_PAYMENT,
        REFUND
    }

    /** A refund asked for and not yet done at the gateway. */
    public record PendingRefund(String refundId, long amountMinor, String currency) {}

    public String orderId;
    public String orderNumber;
    public PaymentMethod provider;
    public long totalMinor;
    public String currency;
    /** Quantity per SKU code, sorted: stock commands go out in this order so two checkouts never lock SKUs crosswise. */
    public SortedMap<String, Integer> quantities = new TreeMap<>();

    public List<String> reserved = new ArrayList<>();
    public List<ShortSku> shortSkus = new ArrayList<>();
    public Stage stage;
    public String paymentReference;
    public String captureReference;
    public long capturedMinor;
    public boolean stockCommitted;
    public boolean paymentVoided;
    public String paymentDeadlineId;
    public String captureDeadlineId;
    public FailedStep failedStep;
    public String failure;
    public String compensationReason;
    public List<PendingRefund> pendingRefunds = new ArrayList<>();

    boolean everySkuAnswered() {
        return reserved.size() + shortSkus.size() >= quantities.size();
    }

    boolean captured() {
        return captureReference != null;
    }
}
