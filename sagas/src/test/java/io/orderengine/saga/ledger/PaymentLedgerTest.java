package io.orderengine.saga.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaymentLedgerTest {

    private static final OrderId ORDER = new OrderId("5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c");
    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final PaymentLedger ledger = new PaymentLedger(mongo.database(), Clock.systemUTC());

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void theSameCaptureReportedTwiceIsRecordedOnce() {
        assertThat(ledger.recordCapture(PaymentMethod.STRIPE, "ch_1", ORDER, "pi_1", Money.of(6750, "EUR")))
                .isTrue();
        assertThat(ledger.recordCapture(PaymentMethod.STRIPE, "ch_1", ORDER, "pi_1", Money.of(6750, "EUR")))
                .isFalse();

        assertThat(ledger.entriesOf(ORDER))
                .singleElement()
                .satisfies(entry -> assertThat(entry.amount()).isEqualTo(Money.of(6750, "EUR")));
    }

    @Test
    void eachRefundIsItsOwnEntryAndARepeatedRefundIsNot() {
        ledger.recordCapture(PaymentMethod.PAYPAL, "CAP-1", ORDER, "ORDER-1", Money.of(6750, "EUR"));
        ledger.recordRefund(PaymentMethod.PAYPAL, "REF-1", ORDER, "ORDER-1", Money.of(1000, "EUR"));
        ledger.recordRefund(PaymentMethod.PAYPAL, "REF-2", ORDER, "ORDER-1", Money.of(500, "EUR"));
        ledger.recordRefund(PaymentMethod.PAYPAL, "REF-1", ORDER, "ORDER-1", Money.of(1000, "EUR"));

        assertThat(ledger.entriesOf(ORDER))
                .extracting(LedgerEntry::type, LedgerEntry::reference)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LedgerEntry.Type.CAPTURE, "CAP-1"),
                        org.assertj.core.groups.Tuple.tuple(LedgerEntry.Type.REFUND, "REF-1"),
                        org.assertj.core.groups.Tuple.tuple(LedgerEntry.Type.REFUND, "REF-2"));
    }

    @Test
    void theSameReferenceAtAnotherProviderOrOfAnotherTypeIsAnotherEntry() {
        ledger.recordCapture(PaymentMethod.STRIPE, "X-1", ORDER, "p", Money.of(1, "EUR"));
        ledger.recordCapture(PaymentMethod.PAYPAL, "X-1", ORDER, "p", Money.of(1, "EUR"));
        ledger.recordRefund(PaymentMethod.STRIPE, "X-1", ORDER, "p", Money.of(1, "EUR"));

        assertThat(ledger.entriesOf(ORDER)).hasSize(3);
        assertThat(ledger.capture(PaymentMethod.PAYPAL, "X-1")).isPresent();
        assertThat(ledger.capture(PaymentMethod.PAYPAL, "X-2")).isEmpty();
    }
}
