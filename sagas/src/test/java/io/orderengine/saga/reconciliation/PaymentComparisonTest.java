package io.orderengine.saga.reconciliation;

import static io.orderengine.saga.reconciliation.Discrepancy.Kind.AMOUNT_MISMATCH;
import static io.orderengine.saga.reconciliation.Discrepancy.Kind.MISSING_AT_GATEWAY;
import static io.orderengine.saga.reconciliation.Discrepancy.Kind.MISSING_LOCALLY;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.GatewayPaymentStatus;
import io.orderengine.saga.payment.Refund;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentComparisonTest {

    private static final String ORDER = "5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c";
    private static final Instant AT = Instant.parse("2025-11-22T10:00:00Z");

    @Test
    void aPaymentWhoseCaptureAndRefundsMatchHasNoDifference() {
        List<LedgerEntry> ledger = List.of(capture("ch_1", 6750), refund("re_1", 1000), refund("re_2", 250));
        GatewayPayment gateway =
                captured("ch_1", 6750, new Refund("re_2", eur(250), null), new Refund("re_1", eur(1000), "r-1"));

        assertThat(compare(ledger, gateway)).isEmpty();
    }

    @Test
    void aRefundMadeAtTheGatewayOnlyIsMissingLocally() {
        List<Discrepancy> differences = compare(
                List.of(capture("ch_1", 6750)), captured("ch_1", 6750, new Refund("re_dashboard", eur(500), null)));

        assertThat(differences).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(MISSING_LOCALLY);
            assertThat(d.movement()).isEqualTo(LedgerEntry.Type.REFUND);
            assertThat(d.reference()).isEqualTo("re_dashboard");
            assertThat(d.ledgerMinor()).isNull();
            assertThat(d.gatewayMinor()).isEqualTo(500);
            assertThat(d.currency()).isEqualTo("EUR");
            assertThat(d.provider()).isEqualTo("stripe");
            assertThat(d.orderId()).isEqualTo(ORDER);
            assertThat(d.paymentReference()).isEqualTo("pi_1");
        });
    }

    @Test
    void aCaptureTheGatewayDoesNotHaveIsMissingAtTheGatewayAndSoIsEverythingOfAnUnknownPayment() {
        GatewayPayment onlyAuthorized = new GatewayPayment(
                "pi_1",
                ORDER,
                GatewayPaymentStatus.AUTHORIZED,
                eur(6750),
                null,
                null,
                List.of(),
                "visa",
                "4242",
                null,
                null,
                null);

        assertThat(compare(List.of(capture("ch_1", 6750)), onlyAuthorized))
                .extracting(Discrepancy::kind, Discrepancy::reference)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(MISSING_AT_GATEWAY, "ch_1"));
        assertThat(compare(List.of(capture("ch_1", 6750), refund("re_1", 100)), null))
                .extracting(Discrepancy::kind, Discrepancy::movement)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MISSING_AT_GATEWAY, LedgerEntry.Type.CAPTURE),
                        org.assertj.core.groups.Tuple.tuple(MISSING_AT_GATEWAY, LedgerEntry.Type.REFUND));
    }

    @Test
    void differentAmountsUnderTheSameReferenceAreAMismatchWithBothAmounts() {
        List<Discrepancy> differences = compare(
                List.of(capture("ch_1", 6750), refund("re_1", 1000)),
                captured("ch_1", 6500, new Refund("re_1", eur(1200), null)));

        assertThat(differences)
                .extracting(
                        Discrepancy::kind, Discrepancy::movement, Discrepancy::ledgerMinor, Discrepancy::gatewayMinor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AMOUNT_MISMATCH, LedgerEntry.Type.CAPTURE, 6750L, 6500L),
                        org.assertj.core.groups.Tuple.tuple(AMOUNT_MISMATCH, LedgerEntry.Type.REFUND, 1000L, 1200L));
        assertThat(differences.get(0).describe())
                .isEqualTo("stripe capture ch_1 amount differs: ledger 6750, gateway 6500 EUR minor units");
    }

    @Test
    void aCaptureUnderAnotherReferenceIsOneMissingOnEachSide() {
        List<Discrepancy> differences = compare(List.of(capture("ch_1", 6750)), captured("ch_2", 6750));

        assertThat(differences)
                .extracting(Discrepancy::kind, Discrepancy::reference)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MISSING_AT_GATEWAY, "ch_1"),
                        org.assertj.core.groups.Tuple.tuple(MISSING_LOCALLY, "ch_2"));
    }

    @Test
    void theSameInputsAlwaysGiveTheSameDifferencesInTheSameOrder() {
        List<LedgerEntry> ledger = List.of(refund("re_b", 1), refund("re_a", 2), capture("ch_1", 6750));
        GatewayPayment gateway =
                captured("ch_1", 6750, new Refund("re_c", eur(3), null), new Refund("re_d", eur(4), null));

        List<Discrepancy> first = compare(ledger, gateway);
        assertThat(first).extracting(Discrepancy::reference).containsExactly("re_a", "re_b", "re_c", "re_d");
        List<LedgerEntry> reversed = new ArrayList<>(ledger);
        Collections.reverse(reversed);
        assertThat(compare(reversed, gateway)).isEqualTo(first);
    }

    private static List<Discrepancy> compare(List<LedgerEntry> ledger, GatewayPayment gateway) {
        return PaymentComparison.compare(PaymentMethod.STRIPE, ORDER, "pi_1", ledger, gateway);
    }

    private static GatewayPayment captured(String captureReference, long capturedMinor, Refund... refunds) {
        return new GatewayPayment(
                "pi_1",
                ORDER,
                GatewayPaymentStatus.CAPTURED,
                eur(6750),
                eur(capturedMinor),
                captureReference,
                List.of(refunds),
                "visa",
                "4242",
                null,
                null,
                null);
    }

    private static LedgerEntry capture(String reference, long minor) {
        return new LedgerEntry(
                LedgerEntry.Type.CAPTURE, PaymentMethod.STRIPE, reference, new OrderId(ORDER), "pi_1", eur(minor), AT);
    }

    private static LedgerEntry refund(String reference, long minor) {
        return new LedgerEntry(
                LedgerEntry.Type.REFUND, PaymentMethod.STRIPE, reference, new OrderId(ORDER), "pi_1", eur(minor), AT);
    }

    private static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }
}
