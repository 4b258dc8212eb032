package io.orderengine.saga.payment.sandbox;

import static io.orderengine.saga.payment.sandbox.SandboxPaymentGateway.Outcome.APPROVE;
import static io.orderengine.saga.payment.sandbox.SandboxPaymentGateway.Outcome.DECLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.saga.payment.AuthorizationRequest;
import io.orderengine.saga.payment.Capture;
import io.orderengine.saga.payment.GatewayPaymentStatus;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.payment.PaymentGatewayException;
import io.orderengine.saga.payment.PaymentSession;
import io.orderengine.saga.payment.Refund;
import io.orderengine.testkit.InMemoryMongo;
import io.orderengine.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxPaymentGatewayTest {

    private static final OrderId ORDER = new OrderId("5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c");
    private static final Money TOTAL = Money.of(6750, "EUR");

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-22T10:00:00Z"));
    private final SandboxPaymentGateway gateway = new SandboxPaymentGateway(mongo.database(), clock);

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void aPaymentWaitsForTheCustomerAtItsSandboxActionUrl() {
        PaymentSession session = authorize();

        assertThat(session.action().type()).isEqualTo("sandbox");
        assertThat(session.action().url()).isEqualTo("/api/v1/payments/sandbox/" + session.paymentReference());
        assertThat(session.action().clientSecret()).isNull();
        assertThat(gateway.retrieve(session.paymentReference()).status())
                .isEqualTo(GatewayPaymentStatus.AWAITING_CUSTOMER);
    }

    @Test
    void authorizingAgainWithTheSameKeyFindsTheSamePayment() {
        assertThat(authorize().paymentReference()).isEqualTo(authorize().paymentReference());
    }

    @Test
    void anApprovedPaymentIsHeldUntilCapturedOnceWhateverTheRetries() {
        String reference = authorize().paymentReference();
        gateway.decide(reference, APPROVE);

        Capture first = gateway.capture(reference, TOTAL, IdempotencyKeys.capture(ORDER));
        Capture again = gateway.capture(reference, TOTAL, IdempotencyKeys.capture(ORDER));

        assertThat(again).isEqualTo(first);
        assertThat(gateway.retrieve(reference)).satisfies(payment -> {
            assertThat(payment.status()).isEqualTo(GatewayPaymentStatus.CAPTURED);
            assertThat(payment.captured()).isEqualTo(TOTAL);
            assertThat(payment.captureBefore()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
            assertThat(payment.cardLast4()).isEqualTo("4242");
        });
    }

    @Test
    void aPaymentTheCustomerHasNotApprovedCannotBeCaptured() {
        String reference = authorize().paymentReference();

        assertThatThrownBy(() -> gateway.capture(reference, TOTAL, IdempotencyKeys.capture(ORDER)))
                .isInstanceOfSatisfying(
                        PaymentGatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(PaymentGatewayException.Kind.REJECTED));
    }

    @Test
    void aDeclinedPaymentCannotBeApprovedAfterwards() {
        String reference = authorize().paymentReference();
        gateway.decide(reference, DECLINE);

        assertThat(gateway.decide(reference, DECLINE).status()).isEqualTo(GatewayPaymentStatus.DECLINED);
        assertThatThrownBy(() -> gateway.decide(reference, APPROVE))
                .isInstanceOf(SandboxDecisionConflictException.class);
    }

    @Test
    void aCancelledPaymentCanNoLongerBeApproved() {
        String reference = authorize().paymentReference();
        gateway.cancel(reference, IdempotencyKeys.cancel(ORDER));
        gateway.cancel(reference, IdempotencyKeys.cancel(ORDER));

        assertThatThrownBy(() -> gateway.decide(reference, APPROVE))
                .isInstanceOf(SandboxDecisionConflictException.class);
        assertThat(gateway.retrieve(reference).status()).isEqualTo(GatewayPaymentStatus.CANCELLED);
    }

    @Test
    void anUnknownReferenceIsReportedAsSuch() {
        assertThatThrownBy(() -> gateway.decide("sbx_nope", APPROVE))
                .isInstanceOf(UnknownSandboxPaymentException.class);
    }

    @Test
    void refundsAreIdempotentAndNeverExceedWhatWasCaptured() {
        String reference = capturedPayment();

        Refund first = gateway.refund(reference, Money.of(5000, "EUR"), IdempotencyKeys.refund(ORDER, "r-1"));
        Refund repeated = gateway.refund(reference, Money.of(5000, "EUR"), IdempotencyKeys.refund(ORDER, "r-1"));
        assertThat(repeated.refundReference()).isEqualTo(first.refundReference());

        assertThatThrownBy(() -> gateway.refund(reference, Money.of(1751, "EUR"), IdempotencyKeys.refund(ORDER, "r-2")))
                .isInstanceOfSatisfying(
                        PaymentGatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(PaymentGatewayException.Kind.REJECTED));
        gateway.refund(reference, Money.of(1750, "EUR"), IdempotencyKeys.refund(ORDER, "r-2"));

        assertThat(gateway.retrieve(reference).refunds())
                .extracting(Refund::amount)
                .containsExactly(Money.of(5000, "EUR"), Money.of(1750, "EUR"));
    }

    @Test
    void paymentsSurviveARestartOfTheGateway() {
        String reference = capturedPayment();

        SandboxPaymentGateway restarted = new SandboxPaymentGateway(mongo.database(), clock);

        assertThat(restarted.retrieve(reference).status()).isEqualTo(GatewayPaymentStatus.CAPTURED);
        assertThat(restarted.retrieve(reference).orderId()).isEqualTo(ORDER.value());
    }

    private PaymentSession authorize() {
        return gateway.authorize(
                new AuthorizationRequest(ORDER, "ORD-20251122-000001", TOTAL, IdempotencyKeys.authorize(ORDER)));
    }

    private String capturedPayment() {
        String reference = authorize().paymentReference();
        gateway.decide(reference, APPROVE);
        gateway.capture(reference, TOTAL, IdempotencyKeys.capture(ORDER));
        return reference;
    }
}
