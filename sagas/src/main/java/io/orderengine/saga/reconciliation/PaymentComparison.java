package io.orderengine.saga.reconciliation;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.GatewayPaymentStatus;
import io.orderengine.saga.payment.Refund;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares what the ledger recorded for one payment with what its gateway reports, movement by movement: the
 * capture (the gateway's capture reference and captured amount) and each refund (reference and amount). Pure: no
 * I/O, the same inputs always give the same differences, in the order capture before refunds, then by reference.
 */
public final class PaymentComparison {

    private PaymentComparison() {}

    /**
     * The differences between {@code ledger} (the entries of the payment) and {@code gateway} (what the gateway
     * reports; null when the gateway does not know the payment, so every recorded movement is missing there).
     */
    public static List<Discrepancy> compare(
            PaymentMethod provider,
            String orderId,
            String paymentReference,
            List<LedgerEntry> ledger,
            GatewayPayment gateway) {
        List<Discrepancy> differences = new ArrayList<>();
        for (LedgerEntry.Type type : LedgerEntry.Type.values()) {
            Map<String, Money> local = new LinkedHashMap<>();
            for (LedgerEntry entry : ledger) {
                if (entry.type() == type) {
                    local.put(entry.reference(), entry.amount());
                }
            }
            Map<String, Money> remote = type == LedgerEntry.Type.CAPTURE ? capturesOf(gateway) : refundsOf(gateway);
            for (String reference : new TreeSet<>(union(local, remote))) {
                Money recorded = local.get(reference);
                Money reported = remote.get(reference);
                Discrepancy.Kind kind = recorded == null
                        ? Discrepancy.Kind.MISSING_LOCALLY
                        : reported == null
                                ? Discrepancy.Kind.MISSING_AT_GATEWAY
                                : recorded.equals(reported) ? null : Discrepancy.Kind.AMOUNT_MISMATCH;
                if (kind != null) {
                    Money either = recorded != null ? recorded : reported;
                    differences.add(new Discrepancy(
                            kind,
                            type,
                            provider.wireName(),
                            orderId,
                            paymentReference,
                            reference,
                            recorded == null ? null : recorded.amountMinor(),
                            reported == null ? null : reported.amountMinor(),
                            either.currency()));
                }
            }
        }
        return differences;
    }

    private static Map<String, Money> capturesOf(GatewayPayment gateway) {
        Map<String, Money> captures = new LinkedHashMap<>();
        if (gateway != null
                && gateway.status() == GatewayPaymentStatus.CAPTURED
                && gateway.captureReference() != null
                && gateway.captured() != null) {
            captures.put(gateway.captureReference(), gateway.captured());
        }
        return captures;
    }

    private static Map<String, Money> refundsOf(GatewayPayment gateway) {
        Map<String, Money> refunds = new LinkedHashMap<>();
        if (gateway != null) {
            for (Refund refund : gateway.refunds()) {
                refunds.merge(refund.refundReference(), refund.amount(), Money::plus);
            }
        }
        return refunds;
    }

    private static Set<String> union(Map<String, Money> a, Map<String, Money> b) {
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
