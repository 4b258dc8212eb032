package io.orderengine.saga.ledger;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/**
 * The record of money that moved at a gateway: one entry per capture and one per refund, in the Mongo collection
 * {@code payment_ledger}. An entry is keyed by provider, the gateway's reference and the type, composed into the
 * single unique {@code _id}, so the same money is recorded once whichever path (saga, webhook, retry) reports it
 * first.
 */
public class PaymentLedger {

    public static final String COLLECTION = "payment_ledger";

    private final MongoCollection<Document> entries;
    private final Clock clock;

    public PaymentLedger(MongoDatabase database, Clock clock) {
        this.entries = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** The indexes of the per-order view and the daily reconciliation (MongoDB and the embedded store serve them). */
    public void ensureIndexes() {
        entries.createIndex(Indexes.ascending("orderId"));
        entries.createIndex(Indexes.ascending("recordedAt"));
    }

    /** Records a capture; false when it was already recorded. */
    public boolean recordCapture(
            PaymentMethod provider, String captureReference, OrderId orderId, String paymentReference, Money amount) {
        return record(LedgerEntry.Type.CAPTURE, provider, captureReference, orderId, paymentReference, amount);
    }

    /** Records a refund; false when it was already recorded. */
    public boolean recordRefund(
            PaymentMethod provider, String refundReference, OrderId orderId, String paymentReference, Money amount) {
        return recordRefund(provider, refundReference, orderId, paymentReference, amount, null);
    }

    /** Records a refund made for the engine's refund {@code refundId} (null when unknown); false when recorded. */
    public boolean recordRefund(
            PaymentMethod provider,
            String refundReference,
            OrderId orderId,
            String paymentReference,
            Money amount,
            String refundId) {
        return record(LedgerEntry.Type.REFUND, provider, refundReference, orderId, paymentReference, amount, refundId);
    }

    /**
     * Each payment of an order at {@code provider} that was captured, oldest capture first, with what it has left to
     * refund: captured − refunded, not counting the refunds recorded for {@code exceptRefundId} (so a refund split
     * across payments and run again finds the same split).
     */
    public List<RefundablePayment> refundablePayments(PaymentMethod provider, OrderId orderId, String exceptRefundId) {
        Map<String, Long> left = new LinkedHashMap<>();
        String currency = null;
        for (Document entry :
                entries.find(Filters.eq("orderId", orderId.value())).sort(Sorts.ascending("recordedAt"))) {
            String paymentReference = entry.getString("paymentReference");
            if (!provider.name().equals(entry.getString("provider")) || paymentReference == null) {
                continue;
            }
            long amount = entry.getLong("amountMinor");
            currency = entry.getString("currency");
            if (LedgerEntry.Type.CAPTURE.name().equals(entry.getString("type"))) {
                left.merge(paymentReference, amount, Long::sum);
            } else if (exceptRefundId == null || !exceptRefundId.equals(entry.getString("refundId"))) {
                left.merge(paymentReference, -amount, Long::sum);
            }
        }
        List<RefundablePayment> payments = new ArrayList<>();
        String ofCurrency = currency;
        left.forEach((reference, minor) ->
                payments.add(new RefundablePayment(reference, new Money(Math.max(0, minor), ofCurrency))));
        return payments;
    }

    /** A captured payment of an order and what it has left to refund. */
    public record RefundablePayment(String paymentReference, Money left) {}

    /** The capture recorded under the gateway's capture reference, if any. */
    public Optional<LedgerEntry> capture(PaymentMethod provider, String captureReference) {
        Document entry = entries.find(
                        Filters.eq("_id", LedgerEntry.idOf(provider, captureReference, LedgerEntry.Type.CAPTURE)))
                .first();
        return Optional.ofNullable(entry).map(PaymentLedger::toEntry);
    }

    /** Every entry of an order, oldest first. */
    public List<LedgerEntry> entriesOf(OrderId orderId) {
        return entries.find(Filters.eq("orderId", orderId.value()))
                .sort(Sorts.ascending("recordedAt"))
                .map(PaymentLedger::toEntry)
                .into(new ArrayList<>());
    }

    /** The entries recorded from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    public List<LedgerEntry> recordedBetween(Instant from, Instant to) {
        return entries.find(Filters.and(
                        Filters.gte("recordedAt", Date.from(from)), Filters.lt("recordedAt", Date.from(to))))
                .sort(Sorts.ascending("recordedAt"))
                .map(PaymentLedger::toEntry)
                .into(new ArrayList<>());
    }

    /** Every entry of one payment at one provider (of the order it was recorded for), oldest first. */
    public List<LedgerEntry> entriesOfPayment(PaymentMethod provider, String paymentReference, OrderId orderId) {
        return entriesOf(orderId).stream()
                .filter(entry -> entry.provider() == provider && paymentReference.equals(entry.paymentReference()))
                .toList();
    }

    private boolean record(
            LedgerEntry.Type type,
            PaymentMethod provider,
            String reference,
            OrderId orderId,
            String paymentReference,
            Money amount) {
        return record(type, provider, reference, orderId, paymentReference, amount, null);
    }

    private boolean record(
            LedgerEntry.Type type,
            PaymentMethod provider,
            String reference,
            OrderId orderId,
            String paymentReference,
            Money amount,
            String refundId) {
        Document entry = new Document("_id", LedgerEntry.idOf(provider, reference, type))
                .append("type", type.name())
                .append("provider", provider.name())
                .append("reference", reference)
                .append("orderId", orderId.value())
                .append("paymentReference", paymentReference)
                .append("amountMinor", amount.amountMinor())
                .append("currency", amount.currency())
                .append("recordedAt", Date.from(clock.instant()));
        if (refundId != null) {
            entry.append("refundId", refundId);
        }
        try {
            entries.insertOne(entry);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private static LedgerEntry toEntry(Document entry) {
        return new LedgerEntry(
                LedgerEntry.Type.valueOf(entry.getString("type")),
                PaymentMethod.valueOf(entry.getString("provider")),
                entry.getString("reference"),
                new OrderId(entry.getString("orderId")),
                entry.getString("paymentReference"),
                new Money(entry.getLong("amountMinor"), entry.getString("currency")),
                entry.getDate("recordedAt").toInstant());
    }
}
