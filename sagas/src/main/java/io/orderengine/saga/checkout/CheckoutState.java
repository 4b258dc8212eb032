package io.orderengine.saga.checkout;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.ShortSku;
import io.orderengine.saga.checkout.CheckoutProgress.FailedStep;
import io.orderengine.saga.checkout.CheckoutProgress.Stage;
import io.orderengine.saga.payment.PaymentRequest.AuthorizePayment;
import io.orderengine.saga.payment.PaymentRequest.CapturePayment;
import io.orderengine.saga.payment.PaymentRequest.VoidPayment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the checkout saga remembers between events, in the engine's types. Kept by the saga store as JSON through
 * its fields (whatever the mapper's visibility settings); nothing here is secret (no client secrets, no card data).
 * A saga stored before this class existed holds a {@link CheckoutProgress} instead, read by {@link #restoredFrom}.
 */
@JsonAutoDetect(
        fieldVisibility = Visibility.ANY,
        getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE,
        setterVisibility = Visibility.NONE,
        creatorVisibility = Visibility.NONE)
public class CheckoutState {

    /** How many of a SKU the order holds (its lines added up). */
    public record SkuQuantity(SkuCode sku, int quantity) {}

    /** A refund asked for and not yet made at the gateway. */
    public record OwedRefund(
            String refundId,
            @JsonIgnoreProperties({"zero", "negative"}) Money amount) {}

    OrderId orderId;
    String orderNumber;
    PaymentMethod provider;
    /**
     * Null only in a saga started for a refund after its checkout had ended. (A mapper that reads getters writes
     * Money's {@code isZero()}/{@code isNegative()} too; they are not properties to read back.)
     */
    @JsonIgnoreProperties({"zero", "negative"})
    Money total;
    /** Sorted by SKU code: stock commands go out in this order so two checkouts never lock SKUs crosswise. */
    List<SkuQuantity> quantities = new ArrayList<>();

    List<SkuCode> reserved = new ArrayList<>();
    List<ShortSku> shortSkus = new ArrayList<>();
    Stage stage;
    String paymentReference;
    String captureReference;

    @JsonIgnoreProperties({"zero", "negative"})
    Money captured;

    /** The payment attempt under way, from 1 (0 in sagas stored before attempts were counted: read as 1). */
    int attempt;
    /** The attempt whose failure the checkout already took in (it then waits for the next one); 0 for none. */
    int failedAttempt;
    /**
     * The edit of the unpaid order whose total the payment under way is for (its keys name it), or null for the total
     * the order was placed with ({@link CheckoutEdits}).
     */
    String paymentEditId;
    /** The order reached AWAITING_PAYMENT, so a failed payment can wait for another attempt. */
    boolean paymentAwaited;

    boolean stockCommitted;
    boolean paymentVoided;
    String paymentDeadlineId;
    String captureDeadlineId;
    FailedStep failedStep;
    String failure;
    String compensationReason;
    List<OwedRefund> owedRefunds = new ArrayList<>();

    CheckoutState() {}

    /** A checkout starting for a placed order: its total and the quantity of each SKU, waiting for stock. */
    static CheckoutState placed(OrderPlacedEvent event) {
        CheckoutState state = startedBy(event.orderId(), Stage.RESERVING_STOCK);
        state.orderNumber = event.orderNumber().value();
        state.provider = event.paymentMethod();
        state.total = event.totals().total();
        state.attempt = 1;
        event.lines().forEach(line -> state.add(line.sku(), line.quantity()));
        return state;
    }

    static CheckoutState startedBy(OrderId orderId, Stage stage) {
        CheckoutState state = new CheckoutState();
        state.orderId = Objects.requireNonNull(orderId, "orderId");
        state.stage = stage;
        return state;
    }

    public OrderId orderId() {
        return orderId;
    }

    public Stage stage() {
        return stage;
    }

    public Money total() {
        return total;
    }

    public FailedStep failedStep() {
        return failedStep;
    }

    /** The payment attempt under way, from 1. */
    public int attempt() {
        return Math.max(1, attempt);
    }

    AuthorizePayment authorizationRequest() {
        return new AuthorizePayment(orderId, orderNumber, provider, total, attempt(), paymentEditId);
    }

    CapturePayment captureRequest() {
        return new CapturePayment(orderId, provider, paymentReference, total, attempt(), paymentEditId);
    }

    /** The request that cancels the payment under way. */
    VoidPayment voidRequest() {
        return new VoidPayment(orderId, provider, paymentReference, attempt(), paymentEditId);
    }

    void add(SkuCode sku, int quantity) {
        for (int i = 0; i < quantities.size(); i++) {
            if (quantities.get(i).sku().equals(sku)) {
                quantities.set(i, new SkuQuantity(sku, quantities.get(i).quantity() + quantity));
                return;
            }
        }
        quantities.add(new SkuQuantity(sku, quantity));
        quantities.sort(Comparator.comparing(line -> line.sku().value()));
    }

    /**
     * The order holds {@code quantity} of {@code sku} now (an edit changed it): a SKU it did not hold is held from now
     * on, as reserved; one it no longer holds stays listed at 0, its commit or release then moves no unit.
     */
    void hold(SkuCode sku, int quantity) {
        quantities.removeIf(line -> line.sku().equals(sku));
        quantities.add(new SkuQuantity(sku, quantity));
        quantities.sort(Comparator.comparing(line -> line.sku().value()));
        if (!reserved.contains(sku)) {
            reserved.add(sku);
        }
    }

    List<SkuCode> skus() {
        return quantities.stream().map(SkuQuantity::sku).toList();
    }

    boolean everySkuAnswered() {
        return reserved.size() + shortSkus.size() >= quantities.size();
    }

    /** No step is failed any more (an admin retries it). */
    void clearFailure() {
        failedStep = null;
        failure = null;
    }

    boolean captured() {
        return captureReference != null;
    }

    boolean owes(String refundId) {
        return owedRefunds.stream().anyMatch(refund -> refund.refundId().equals(refundId));
    }

    /** A saga stored by the version that kept {@link CheckoutProgress} (plain strings, amounts apart from currency). */
    static CheckoutState restoredFrom(CheckoutProgress stored) {
        CheckoutState state = new CheckoutState();
        state.orderId = stored.orderId == null ? null : new OrderId(stored.orderId);
        state.orderNumber = stored.orderNumber;
        state.provider = stored.provider;
        state.total = stored.currency == null ? null : new Money(stored.totalMinor, stored.currency);
        if (stored.quantities != null) {
            stored.quantities.forEach((sku, quantity) -> state.add(new SkuCode(sku), quantity));
        }
        if (stored.reserved != null) {
            stored.reserved.forEach(sku -> state.reserved.add(new SkuCode(sku)));
        }
        if (stored.shortSkus != null) {
            state.shortSkus.addAll(stored.shortSkus);
        }
        state.stage = stored.stage;
        state.paymentReference = stored.paymentReference;
        state.captureReference = stored.captureReference;
        state.captured = stored.captureReference == null || stored.currency == null
                ? null
                : new Money(stored.capturedMinor, stored.currency);
        state.stockCommitted = stored.stockCommitted;
        state.paymentVoided = stored.paymentVoided;
        state.paymentDeadlineId = stored.paymentDeadlineId;
        state.captureDeadlineId = stored.captureDeadlineId;
        state.failedStep = stored.failedStep;
        state.failure = stored.failure;
        state.compensationReason = stored.compensationReason;
        if (stored.pendingRefunds != null) {
            stored.pendingRefunds.forEach(refund -> state.owedRefunds.add(
                    new OwedRefund(refund.refundId(), new Money(refund.amountMinor(), refund.currency()))));
        }
        return state;
    }

    /** The same state in the shape of {@link CheckoutProgress}, as the operations console reads it. */
    CheckoutProgress toProgress() {
        CheckoutProgress progress = new CheckoutProgress();
        progress.orderId = orderId == null ? null : orderId.value();
        progress.orderNumber = orderNumber;
        progress.provider = provider;
        progress.totalMinor = total == null ? 0 : total.amountMinor();
        progress.currency = total == null ? null : total.currency();
        quantities.forEach(line -> progress.quantities.put(line.sku().value(), line.quantity()));
        reserved.forEach(sku -> progress.reserved.add(sku.value()));
        progress.shortSkus.addAll(shortSkus);
        progress.stage = stage;
        progress.paymentReference = paymentReference;
        progress.captureReference = captureReference;
        progress.capturedMinor = captured == null ? 0 : captured.amountMinor();
        progress.stockCommitted = stockCommitted;
        progress.paymentVoided = paymentVoided;
        progress.paymentDeadlineId = paymentDeadlineId;
        progress.captureDeadlineId = captureDeadlineId;
        progress.failedStep = failedStep;
        progress.failure = failure;
        progress.compensationReason = compensationReason;
        owedRefunds.forEach(refund -> progress.pendingRefunds.add(new CheckoutProgress.PendingRefund(
                refund.refundId(),
                refund.amount().amountMinor(),
                refund.amount().currency())));
        return progress;
    }
}
