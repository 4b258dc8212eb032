package io.orderengine.saga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.PaymentGatewayException.Kind;
import io.orderengine.saga.payment.PaymentReply.AuthorizationRefused;
import io.orderengine.saga.payment.PaymentReply.AuthorizationUnavailable;
import io.orderengine.saga.payment.PaymentReply.Authorized;
import io.orderengine.saga.payment.PaymentReply.CaptureRefused;
import io.orderengine.saga.payment.PaymentReply.CaptureUnavailable;
import io.orderengine.saga.payment.PaymentReply.Captured;
import io.orderengine.saga.payment.PaymentReply.RefundFailed;
import io.orderengine.saga.payment.PaymentReply.Refunded;
import io.orderengine.saga.payment.PaymentReply.VoidRefused;
import io.orderengine.saga.payment.PaymentReply.VoidUnavailable;
import io.orderengine.saga.payment.PaymentReply.Voided;
import io.orderengine.saga.payment.PaymentRequest.AuthorizePayment;
import io.orderengine.saga.payment.PaymentRequest.CapturePayment;
import io.orderengine.saga.payment.PaymentRequest.RefundPayment;
import io.orderengine.saga.payment.PaymentRequest.VoidPayment;
import io.orderengine.saga.support.FakePaymentGateway;
import io.orderengine.saga.support.FakePaymentGateway.Operation;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentParticipantTest {

    private static final OrderId ORDER = new OrderId("5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c");
    private static final Money TOTAL = Money.of(6750, "EUR");
    private static final String PAYMENT = FakePaymentGateway.PAYMENT_REFERENCE;

    private InMemoryMongo mongo;
    private PaymentLedger ledger;
    private FakePaymentGateway gateway;
    private PaymentParticipant participant;

    @BeforeEach
    void setUp() {
        mongo = InMemoryMongo.start();
        ledger = new PaymentLedger(mongo.database(), Clock.systemUTC());
        gateway = new FakePaymentGateway(PaymentMethod.SANDBOX);
        participant = new PaymentParticipant(new PaymentGateways(List.of(gateway)), ledger);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void anAuthorizationAnswersWithTheSessionAndUsesTheOrdersAuthorizeKey() {
        assertThat(participant.authorize(authorize()))
                .isInstanceOfSatisfying(
                        Authorized.class,
                        authorized -> assertThat(authorized.session().paymentReference())
                                .isEqualTo(PAYMENT));
        assertThat(gateway.calls(Operation.AUTHORIZE)).singleElement().satisfies(call -> {
            assertThat(call.amount()).isEqualTo(TOTAL);
            assertThat(call.idempotencyKey()).isEqualTo(ORDER.value() + ":authorize");
        });
    }

    @Test
    void everyStepOfALaterAttemptUsesThatAttemptsKeys() {
        participant.authorize(new AuthorizePayment(ORDER, "ORD-20251122-0001", PaymentMethod.SANDBOX, TOTAL, 2));
        participant.capture(new PaymentRequest.CapturePayment(ORDER, PaymentMethod.SANDBOX, PAYMENT, TOTAL, 2));
        participant.cancel(new PaymentRequest.VoidPayment(ORDER, PaymentMethod.SANDBOX, PAYMENT, 2));

        assertThat(gateway.calls())
                .extracting(FakePaymentGateway.Call::idempotencyKey)
                .containsExactly(
                        ORDER.value() + ":authorize:2", ORDER.value() + ":capture:2", ORDER.value() + ":cancel:2");
    }

    @Test
    void anAuthorizationAtAGatewayOutOfRetriesIsUnavailableAndADeclineIsRefused() {
        gateway.failing(Operation.AUTHORIZE, Kind.UNAVAILABLE);
        assertThat(participant.authorize(authorize()))
                .isEqualTo(new AuthorizationUnavailable("authorize failed at the fake gateway"));

        gateway.failing(Operation.AUTHORIZE, Kind.DECLINED);
        assertThat(participant.authorize(authorize()))
                .isEqualTo(new AuthorizationRefused("authorize failed at the fake gateway"));
    }

    @Test
    void anAuthorizationWithAProviderThatIsNotConfiguredIsRefused() {
        AuthorizePayment stripe = new AuthorizePayment(ORDER, "ORD-1", PaymentMethod.STRIPE, TOTAL);

        assertThat(participant.authorize(stripe)).isInstanceOf(AuthorizationRefused.class);
        assertThat(gateway.calls()).isEmpty();
    }

    @Test
    void aCaptureIsRecordedInTheLedgerOnceHoweverOftenItIsRepeated() {
        assertThat(participant.capture(capture())).isInstanceOf(Captured.class);
        assertThat(participant.capture(capture())).isInstanceOf(Captured.class);

        assertThat(gateway.calls(Operation.CAPTURE))
                .extracting(FakePaymentGateway.Call::idempotencyKey)
                .containsExactly(ORDER.value() + ":capture", ORDER.value() + ":capture");
        assertThat(ledger.entriesOf(ORDER)).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo(LedgerEntry.Type.CAPTURE);
            assertThat(entry.reference()).isEqualTo(FakePaymentGateway.CAPTURE_REFERENCE);
            assertThat(entry.amount()).isEqualTo(TOTAL);
        });
    }

    @Test
    void aCaptureAtAGatewayOutOfRetriesIsUnavailableAndRecordsNothing() {
        gateway.failing(Operation.CAPTURE, Kind.UNAVAILABLE);

        assertThat(participant.capture(capture()))
                .isEqualTo(new CaptureUnavailable("capture failed at the fake gateway"));
        assertThat(gateway.calls(Operation.RETRIEVE)).isEmpty();
        assertThat(ledger.entriesOf(ORDER)).isEmpty();
    }

    @Test
    void aCaptureTheGatewayRefusesWithoutHoldingOneIsRefusedAndRecordsNothing() {
        gateway.failing(Operation.CAPTURE, Kind.DECLINED);

        assertThat(participant.capture(capture())).isEqualTo(new CaptureRefused("capture failed at the fake gateway"));
        assertThat(gateway.calls(Operation.RETRIEVE)).hasSize(1);
        assertThat(ledger.entriesOf(ORDER)).isEmpty();
    }

    @Test
    void aCaptureRefusedBecauseTheGatewayAlreadyHoldsOneAnswersWithThatCaptureAndRecordsIt() {
        gateway.failing(Operation.CAPTURE, Kind.REJECTED);
        gateway.alreadyCaptured(new Capture("cap_webhook", TOTAL));

        assertThat(participant.capture(capture())).isEqualTo(new Captured(new Capture("cap_webhook", TOTAL)));
        assertThat(ledger.entriesOf(ORDER)).extracting(LedgerEntry::reference).containsExactly("cap_webhook");
    }

    @Test
    void aVoidIsDoneRefusedOrUnavailableWithTheOrdersCancelKey() {
        assertThat(participant.cancel(cancel())).isEqualTo(new Voided());
        gateway.failing(Operation.CANCEL, Kind.REJECTED);
        assertThat(participant.cancel(cancel())).isEqualTo(new VoidRefused("cancel failed at the fake gateway"));
        gateway.failing(Operation.CANCEL, Kind.UNAVAILABLE);
        assertThat(participant.cancel(cancel())).isEqualTo(new VoidUnavailable("cancel failed at the fake gateway"));

        assertThat(gateway.calls(Operation.CANCEL))
                .extracting(FakePaymentGateway.Call::idempotencyKey)
                .containsOnly(ORDER.value() + ":cancel");
    }

    @Test
    void aRefundIsRecordedInTheLedgerUnderItsRefundKey() {
        Money part = Money.of(1250, "EUR");

        assertThat(participant.refund(refund("r-1", part)))
                .isInstanceOfSatisfying(
                        Refunded.class,
                        refunded -> assertThat(refunded.refund().amount()).isEqualTo(part));
        assertThat(gateway.calls(Operation.REFUND))
                .singleElement()
                .satisfies(call -> assertThat(call.idempotencyKey()).isEqualTo(ORDER.value() + ":refund:r-1"));
        assertThat(ledger.entriesOf(ORDER)).extracting(LedgerEntry::type).containsExactly(LedgerEntry.Type.REFUND);
    }

    @Test
    void aRefundThatFailsForAnyReasonIsAFailedRefundAndRecordsNothing() {
        gateway.failing(Operation.REFUND, Kind.DECLINED);

        assertThat(participant.refund(refund("r-2", TOTAL)))
                .isEqualTo(new RefundFailed("refund failed at the fake gateway"));
        assertThat(ledger.entriesOf(ORDER)).isEmpty();
    }

    @Test
    void theAuthorizationExpiryIsWhatTheGatewaySaysOrNothingWhenItCannotBeAsked() {
        Instant expiry = Instant.parse("2025-11-29T10:00:00Z");
        gateway.authorizationValidUntil(expiry);
        assertThat(participant.captureBefore(PaymentMethod.SANDBOX, PAYMENT)).contains(expiry);

        gateway.failing(Operation.RETRIEVE, Kind.UNAVAILABLE);
        assertThat(participant.captureBefore(PaymentMethod.SANDBOX, PAYMENT)).isEmpty();
    }

    @Test
    void anyRequestIsAnsweredWithTheReplyOfItsFamily() {
        assertThat(participant.handle(authorize())).isInstanceOf(PaymentReply.AuthorizationReply.class);
        assertThat(participant.handle(capture())).isInstanceOf(PaymentReply.CaptureReply.class);
        assertThat(participant.handle(cancel())).isInstanceOf(PaymentReply.VoidReply.class);
        assertThat(participant.handle(refund("r-3", TOTAL))).isInstanceOf(PaymentReply.RefundReply.class);
    }

    private static AuthorizePayment authorize() {
        return new AuthorizePayment(ORDER, "ORD-20251122-0001", PaymentMethod.SANDBOX, TOTAL);
    }

    private static CapturePayment capture() {
        return new CapturePayment(ORDER, PaymentMethod.SANDBOX, PAYMENT, TOTAL);
    }

    private static VoidPayment cancel() {
        return new VoidPayment(ORDER, PaymentMethod.SANDBOX, PAYMENT);
    }

    private static RefundPayment refund(String refundId, Money amount) {
        return new RefundPayment(ORDER, PaymentMethod.SANDBOX, PAYMENT, refundId, amount);
    }
}
