package io.orderengine.saga.reconciliation;

import static io.orderengine.saga.reconciliation.Discrepancy.Kind.AMOUNT_MISMATCH;
import static io.orderengine.saga.reconciliation.Discrepancy.Kind.MISSING_AT_GATEWAY;
import static io.orderengine.saga.reconciliation.Discrepancy.Kind.MISSING_LOCALLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.AddAdminNoteCommand;
import io.orderengine.messages.order.FlagOrderForAttentionCommand;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.AuthorizationRequest;
import io.orderengine.saga.payment.Capture;
import io.orderengine.saga.payment.GatewayPayment;
import io.orderengine.saga.payment.GatewayPaymentStatus;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.payment.PaymentGateway;
import io.orderengine.saga.payment.PaymentGatewayException;
import io.orderengine.saga.payment.PaymentGateways;
import io.orderengine.saga.payment.PaymentParticipant;
import io.orderengine.saga.payment.PaymentReply;
import io.orderengine.saga.payment.PaymentRequest;
import io.orderengine.saga.payment.PaymentSession;
import io.orderengine.saga.payment.Refund;
import io.orderengine.saga.payment.sandbox.SandboxPaymentGateway;
import io.orderengine.saga.reconciliation.ReconciliationReport.OrderFollowUp;
import io.orderengine.saga.support.RecordingCommands;
import io.orderengine.testkit.InMemoryMongo;
import io.orderengine.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final LocalDate DAY = LocalDate.parse("2025-11-22");
    private static final OrderId SANDBOX_ORDER = new OrderId("5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c");
    private static final OrderId STRIPE_ORDER = new OrderId("0a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    private static final OrderId OTHER_ORDER = new OrderId("1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e");

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final PaymentLedger ledger = new PaymentLedger(mongo.database(), clock);
    private final SandboxPaymentGateway sandbox = new SandboxPaymentGateway(mongo.database(), clock);
    private final ScriptedStripe stripe = new ScriptedStripe();
    private final RecordingCommands commands = new RecordingCommands();
    private final ReconciliationReports reports = new ReconciliationReports(mongo.database());
    private final Reconciliation reconciliation = new Reconciliation(
            ledger,
            new PaymentGateways(List.of(sandbox, stripe)),
            Map.of(PaymentMethod.SANDBOX, sandbox::paymentsMovedBetween),
            reports,
            commands.gateway(),
            clock);

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void aDayWhoseLedgerMatchesTheGatewaysIsCleanAndFlagsNothing() {
        String payment = paidAtSandbox(SANDBOX_ORDER, 6750);
        Refund refund = sandbox.refund(payment, eur(1000), IdempotencyKeys.refund(SANDBOX_ORDER, "r-1"));
        ledger.recordRefund(PaymentMethod.SANDBOX, refund.refundReference(), SANDBOX_ORDER, payment, refund.amount());
        stripe.payments.put("pi_1", stripeCaptured("pi_1", STRIPE_ORDER, "ch_1", 4200));
        ledger.recordCapture(PaymentMethod.STRIPE, "ch_1", STRIPE_ORDER, "pi_1", eur(4200));

        ReconciliationReport report = reconciliation.run(DAY);

        assertThat(report.status()).isEqualTo(ReconciliationReport.Status.CLEAN);
        assertThat(report.paymentsChecked()).isEqualTo(2);
        assertThat(report.capturesChecked()).isEqualTo(2);
        assertThat(report.refundsChecked()).isEqualTo(1);
        assertThat(report.differences()).isEmpty();
        assertThat(commands.sent()).isEmpty();
        assertThat(reports.find(DAY)).contains(report);
    }

    @Test
    void anEditBalanceAndARefundSplitAcrossBothPaymentsReconcileCleanPaymentByPayment() {
        String first = paidAtSandbox(SANDBOX_ORDER, 6750);
        PaymentSession balance = sandbox.authorize(new AuthorizationRequest(
                SANDBOX_ORDER,
                "ORD-20251122-000001",
                eur(1500),
                IdempotencyKeys.balance(SANDBOX_ORDER, "ed-1", "authorize")));
        sandbox.decide(balance.paymentReference(), SandboxPaymentGateway.Outcome.APPROVE);
        PaymentParticipant participant = new PaymentParticipant(new PaymentGateways(List.of(sandbox, stripe)), ledger);
        participant.capture(
                new PaymentRequest.CapturePayment(
                        SANDBOX_ORDER, PaymentMethod.SANDBOX, balance.paymentReference(), eur(1500)),
                IdempotencyKeys.balance(SANDBOX_ORDER, "ed-1", "capture"));

        List<PaymentReply.RefundReply> parts = participant.refundAcrossPayments(new PaymentRequest.RefundPayment(
                SANDBOX_ORDER, PaymentMethod.SANDBOX, first, "cancellation", eur(8250)));
        ReconciliationReport report = reconciliation.run(DAY);

        assertThat(parts)
                .extracting(part -> ((PaymentReply.Refunded) part).refund().amount())
                .containsExactly(eur(1500), eur(6750));
        assertThat(report.status()).isEqualTo(ReconciliationReport.Status.CLEAN);
        assertThat(report.paymentsChecked()).isEqualTo(2);
        assertThat(report.capturesChecked()).isEqualTo(2);
        assertThat(report.refundsChecked()).isEqualTo(2);
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void sandboxMoneyTheLedgerNeverRecordedIsFoundInTheSandboxRecordsAndFlagsTheOrder() {
        String payment = authorizedAtSandbox(SANDBOX_ORDER, 6750);
        Capture capture = sandbox.capture(payment, eur(6750), IdempotencyKeys.capture(SANDBOX_ORDER));

        ReconciliationReport report = reconciliation.run(DAY);

        assertThat(report.status()).isEqualTo(ReconciliationReport.Status.DIFFERENCES);
        assertThat(report.capturesChecked()).isZero();
        assertThat(report.differences())
                .extracting(Discrepancy::kind, Discrepancy::reference, Discrepancy::gatewayMinor)
                .containsExactly(tuple(MISSING_LOCALLY, capture.captureReference(), 6750L));
        assertThat(commands.sent()).singleElement().isInstanceOfSatisfying(FlagOrderForAttentionCommand.class, flag -> {
            assertThat(flag.orderId()).isEqualTo(SANDBOX_ORDER);
            assertThat(flag.actor()).isEqualTo(Reconciliation.ACTOR);
            assertThat(flag.reason())
                    .startsWith("reconciliation of 2025-11-22: sandbox capture " + capture.captureReference()
                            + " missing in the ledger");
        });
        assertThat(report.followUps())
                .extracting(OrderFollowUp::orderId, OrderFollowUp::action, OrderFollowUp::repeated)
                .containsExactly(tuple(SANDBOX_ORDER.value(), OrderFollowUp.Action.FLAGGED, false));
    }

    @Test
    void everyKindOfDifferenceAtAGatewayIsReportedAndEachOrderFlaggedOnce() {
        stripe.payments.put(
                "pi_1", stripeCaptured("pi_1", STRIPE_ORDER, "ch_1", 6750, new Refund("re_dashboard", eur(500), null)));
        ledger.recordCapture(PaymentMethod.STRIPE, "ch_1", STRIPE_ORDER, "pi_1", eur(6750));
        stripe.payments.put("pi_2", stripeCaptured("pi_2", OTHER_ORDER, "ch_2", 3000));
        ledger.recordCapture(PaymentMethod.STRIPE, "ch_2", OTHER_ORDER, "pi_2", eur(3100));
        ledger.recordRefund(PaymentMethod.STRIPE, "re_gone", OTHER_ORDER, "pi_2", eur(100));

        ReconciliationReport report = reconciliation.run(DAY);

        assertThat(report.differences())
                .extracting(Discrepancy::orderId, Discrepancy::kind, Discrepancy::reference)
                .containsExactlyInAnyOrder(
                        tuple(STRIPE_ORDER.value(), MISSING_LOCALLY, "re_dashboard"),
                        tuple(OTHER_ORDER.value(), AMOUNT_MISMATCH, "ch_2"),
                        tuple(OTHER_ORDER.value(), MISSING_AT_GATEWAY, "re_gone"));
        assertThat(commands.sent())
                .hasSize(2)
                .allSatisfy(c -> assertThat(c).isInstanceOf(FlagOrderForAttentionCommand.class));
        assertThat(commands.sent())
                .extracting(c -> ((FlagOrderForAttentionCommand) c).reason())
                .anySatisfy(reason -> assertThat(reason)
                        .contains("stripe capture ch_2 amount differs: ledger 3100, gateway 3000")
                        .contains("stripe refund re_gone missing at the gateway"));
    }

    @Test
    void aPaymentTheGatewayDoesNotKnowIsMissingThere() {
        ledger.recordCapture(PaymentMethod.STRIPE, "ch_9", STRIPE_ORDER, "pi_unknown", eur(6750));

        ReconciliationReport report = reconciliation.run(DAY);

        assertThat(report.differences())
                .extracting(Discrepancy::kind, Discrepancy::ledgerMinor, Discrepancy::gatewayMinor)
                .containsExactly(tuple(MISSING_AT_GATEWAY, 6750L, null));
    }

    @Test
    void anOrderThatHasEndedGetsAnAdminNoteInsteadOfAttentionAndTheReportSaysWhy() {
        stripe.payments.put(
                "pi_1", stripeCaptured("pi_1", STRIPE_ORDER, "ch_1", 6750, new Refund("re_dashboard", eur(500), null)));
        ledger.recordCapture(PaymentMethod.STRIPE, "ch_1", STRIPE_ORDER, "pi_1", eur(6750));
        commands.failWhen(
                FlagOrderForAttentionCommand.class::isInstance,
                new IllegalStateException("order is CANCELLED; it cannot move to ATTENTION"));

        ReconciliationReport report = reconciliation.run(DAY);

        assertThat(commands.sent()).hasSize(2);
        assertThat(commands.sent().get(1)).isInstanceOfSatisfying(AddAdminNoteCommand.class, note -> {
            assertThat(note.orderId()).isEqualTo(STRIPE_ORDER);
            assertThat(note.actor()).isEqualTo(Reconciliation.ACTOR);
            assertThat(note.note())
                    .contains("re_dashboard missing in the ledger")
                    .contains("order is CANCELLED");
        });
        assertThat(report.followUps()).singleElement().satisfies(followUp -> {
            assertThat(followUp.action()).isEqualTo(OrderFollowUp.Action.NOTED);
            assertThat(followUp.detail())
                    .isEqualTo("not flagged for attention: order is CANCELLED; it cannot move to ATTENTION");
        });
    }

    @Test
    void anOrderNeitherFlaggedNorNotedIsReportedAsFailedAndTriedAgainByTheNextRun() {
        stripe.payments.put("pi_1", stripeCaptured("pi_1", STRIPE_ORDER, "ch_1", 6000));
        ledger.recordCapture(PaymentMethod.STRIPE, "ch_1", STRIPE_ORDER, "pi_1", eur(6750));
        commands.failWith(new IllegalStateException("command bus down"));

        assertThat(reconciliation.run(DAY).followUps())
                .extracting(OrderFollowUp::action)
                .containsExactly(OrderFollowUp.Action.FAILED);

        commands.succeed();
        commands.clear();
        assertThat(reconciliation.run(DAY).followUps())
                .extracting(OrderFollowUp::action, OrderFollowUp::repeated)
                .containsExactly(tuple(OrderFollowUp.Action.FLAGGED, false));
        assertThat(commands.sent()).hasSize(1);
    }

    @Test
    void runningADayAgainReplacesItsReportWithoutFlaggingTheSameDifferencesAgainButFlagsNewOnes() {
        stripe.payments.put(
                "pi_1", stripeCaptured("pi_1", STRIPE_ORDER, "ch_1", 6750, new Refund("re_1", eur(500), null)));
        ledger.recordCapture(PaymentMethod.STRIPE, "ch_1", STRIPE_ORDER, "pi_1", eur(6750));
        reconciliation.run(DAY);
        commands.clear();

        ReconciliationReport again = reconciliation.run(DAY);
        assertThat(commands.sent()).isEmpty();
        assertThat(again.followUps())
                .extracting(OrderFollowUp::action, OrderFollowUp::repeated)
                .containsExactly(tuple(OrderFollowUp.Action.FLAGGED, true));
        assertThat(reports.find(DAY)).contains(again);

        stripe.payments.put(
                "pi_1",
                stripeCaptured(
                        "pi_1",
                        STRIPE_ORDER,
                        "ch_1",
                        6750,
                        new Refund("re_1", eur(500), null),
                        new Refund("re_2", eur(700), null)));
        ReconciliationReport third = reconciliation.run(DAY);
        assertThat(third.differences()).hasSize(2);
        assertThat(commands.sent()).singleElement().isInstanceOf(FlagOrderForAttentionCommand.class);
        assertThat(third.followUps()).extracting(OrderFollowUp::repeated).containsExactly(false);
    }

    @Test
    void aGatewayThatCannotBeReachedLeavesItsPaymentsUncheckedAndTheDayIncomplete() {
        ledger.recordCapture(PaymentMethod.STRIPE, "ch_1", STRIPE_ORDER, "pi_1", eur(6750));
        stripe.down = true;

        ReconciliationReport report = reconciliation.run(DAY);

        assertThat(report.status()).isEqualTo(ReconciliationReport.Status.INCOMPLETE);
        assertThat(report.paymentsChecked()).isZero();
        assertThat(report.unchecked()).singleElement().satisfies(unchecked -> {
            assertThat(unchecked.paymentReference()).isEqualTo("pi_1");
            assertThat(unchecked.orderId()).isEqualTo(STRIPE_ORDER.value());
            assertThat(unchecked.reason()).contains("stripe is down");
        });
        assertThat(commands.sent()).isEmpty();
    }

    @Test
    void onlyTheMoneyMovedThatUtcDayIsInScope() {
        ledger.recordCapture(PaymentMethod.STRIPE, "ch_1", STRIPE_ORDER, "pi_1", eur(6750));
        clock.advance(Duration.ofDays(1));
        paidAtSandbox(SANDBOX_ORDER, 1000);
        String notRecorded = authorizedAtSandbox(OTHER_ORDER, 2000);
        sandbox.capture(notRecorded, eur(2000), IdempotencyKeys.capture(OTHER_ORDER));

        ReconciliationReport report = reconciliation.run(DAY);

        assertThat(report.paymentsChecked()).isEqualTo(1);
        assertThat(report.differences())
                .extracting(Discrepancy::paymentReference)
                .containsOnly("pi_1");
        assertThat(reconciliation.run(DAY.plusDays(1)).differences())
                .extracting(Discrepancy::orderId)
                .containsExactly(OTHER_ORDER.value());
    }

    private String authorizedAtSandbox(OrderId order, long minor) {
        PaymentSession session = sandbox.authorize(
                new AuthorizationRequest(order, "ORD-20251122-000001", eur(minor), IdempotencyKeys.authorize(order)));
        sandbox.decide(session.paymentReference(), SandboxPaymentGateway.Outcome.APPROVE);
        return session.paymentReference();
    }

    private String paidAtSandbox(OrderId order, long minor) {
        String payment = authorizedAtSandbox(order, minor);
        Capture capture = sandbox.capture(payment, eur(minor), IdempotencyKeys.capture(order));
        ledger.recordCapture(PaymentMethod.SANDBOX, capture.captureReference(), order, payment, capture.amount());
        return payment;
    }

    private static GatewayPayment stripeCaptured(
            String reference, OrderId order, String charge, long capturedMinor, Refund... refunds) {
        return new GatewayPayment(
                reference,
                order.value(),
                GatewayPaymentStatus.CAPTURED,
                eur(6750),
                eur(capturedMinor),
                charge,
                List.of(refunds),
                "visa",
                "4242",
                null,
                null,
                null);
    }

    private static Money eur(long minor) {
        return Money.of(minor, "EUR");
    }

    /** Stripe as far as reconciliation asks it: payments by reference, unknown ones refused, or down altogether. */
    private static final class ScriptedStripe implements PaymentGateway {

        final Map<String, GatewayPayment> payments = new HashMap<>();
        boolean down;

        @Override
        public PaymentMethod method() {
            return PaymentMethod.STRIPE;
        }

        @Override
        public GatewayPayment retrieve(String paymentReference) {
            if (down) {
                throw PaymentGatewayException.unavailable("stripe is down", null);
            }
            GatewayPayment payment = payments.get(paymentReference);
            if (payment == null) {
                throw PaymentGatewayException.rejected("No such payment_intent: '" + paymentReference + "'", null);
            }
            return payment;
        }

        @Override
        public PaymentSession authorize(AuthorizationRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Capture capture(String paymentReference, Money amount, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cancel(String paymentReference, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Refund refund(String paymentReference, Money amount, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }
    }
}
