package io.orderengine.saga.payment.sandbox;

import static io.orderengine.saga.payment.sandbox.SandboxPaymentGateway.Outcome.APPROVE;
import static io.orderengine.saga.payment.sandbox.SandboxPaymentGateway.Outcome.DECLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
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
    void aReferenceIsRandomAndCannotBeComputedFromTheOrder() {
        String reference = authorize().paymentReference();
        String legacy = "sbx_"
                + UUID.nameUUIDFromBytes(IdempotencyKeys.authorize(ORDER).getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "");

        assertThat(reference).matches("sbx_[A-Za-z0-9_-]{32}").isNotEqualTo(legacy);
        assertThat(reference)
                .doesNotContain(ORDER.value())
                .doesNotContain(ORDER.value().replace("-", ""));
        assertThatThrownBy(() -> gateway.decide(legacy, DECLINE)).isInstanceOf(UnknownSandboxPaymentException.class);
        try (InMemoryMongo other = InMemoryMongo.start()) {
            SandboxPaymentGateway elsewhere = new SandboxPaymentGateway(other.database(), clock);
            assertThat(elsewhere
                            .authorize(request(IdempotencyKeys.authorize(ORDER)))
                            .paymentReference())
                    .as("the same key on another store opens a payment of another reference")
                    .isNotEqualTo(reference);
        }
    }

    @Test
    void theSameKeyFindsTheStoredReferenceAfterARestartAndAnotherAttemptGetsItsOwn() {
        String first = authorize().paymentReference();

        SandboxPaymentGateway restarted = new SandboxPaymentGateway(mongo.database(), clock);

        assertThat(restarted
                        .authorize(request(IdempotencyKeys.authorize(ORDER)))
                        .paymentReference())
                .isEqualTo(first);
        assertThat(restarted
                        .authorize(request(IdempotencyKeys.authorize(ORDER, 2)))
                        .paymentReference())
                .isNotEqualTo(first);
    }

    @Test
    void instancesRacingWithTheSameKeyOpenOnePayment() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> racing = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                SandboxPaymentGateway instance = new SandboxPaymentGateway(mongo.database(), clock);
                racing.add(pool.submit(() -> instance.authorize(request(IdempotencyKeys.authorize(ORDER)))
                        .paymentReference()));
            }
            Set<String> references = new HashSet<>();
            for (Future<String> reference : racing) {
                references.add(reference.get());
            }
            assertThat(references).hasSize(1);
            assertThat(mongo.database()
                            .getCollection(SandboxPaymentGateway.COLLECTION)
                            .countDocuments())
                    .isEqualTo(1);
            assertThatThrownBy(() -> mongo.database()
                            .getCollection(SandboxPaymentGateway.COLLECTION)
                            .insertOne(new Document("_id", "sbx_copy")
                                    .append("idempotencyKey", IdempotencyKeys.authorize(ORDER))))
                    .as("the key's unique index")
                    .isInstanceOf(MongoWriteException.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKeyUsedForAnotherOrderIsRefused() {
        authorize();
        OrderId other = new OrderId("0a0b0c0d-1e2f-4a5b-8c6d-7e8f9a0b1c2d");

        assertThatThrownBy(() -> gateway.authorize(new AuthorizationRequest(
                        other, "ORD-20251122-000002", TOTAL, IdempotencyKeys.authorize(ORDER))))
                .isInstanceOf(PaymentGatewayException.class);
    }

    @Test
    void aPaymentOpenedUnderTheOldDerivedSchemeKeepsItsReference() {
        String legacy = "sbx_"
                + UUID.nameUUIDFromBytes(IdempotencyKeys.authorize(ORDER).getBytes(StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "");
        mongo.database()
                .getCollection(SandboxPaymentGateway.COLLECTION)
                .insertOne(new Document("_id", legacy)
                        .append("orderId", ORDER.value())
                        .append("orderNumber", "ORD-20251122-000001")
                        .append("amountMinor", TOTAL.amountMinor())
                        .append("currency", TOTAL.currency())
                        .append("status", GatewayPaymentStatus.AWAITING_CUSTOMER.name())
                        .append("refunds", List.of())
                        .append("version", 0L));
        SandboxPaymentGateway upgraded = new SandboxPaymentGateway(mongo.database(), clock);

        assertThat(upgraded.authorize(request(IdempotencyKeys.authorize(ORDER))).paymentReference())
                .isEqualTo(legacy);
        assertThat(upgraded.decide(legacy, APPROVE).status()).isEqualTo(GatewayPaymentStatus.AUTHORIZED);
        assertThat(upgraded.authorize(request(IdempotencyKeys.authorize(ORDER, 2)))
                        .paymentReference())
                .as("a new attempt gets a random reference")
                .matches("sbx_[A-Za-z0-9_-]{32}");
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
        return gateway.authorize(request(IdempotencyKeys.authorize(ORDER)));
    }

    private static AuthorizationRequest request(String idempotencyKey) {
        return new AuthorizationRequest(ORDER, "ORD-20251122-000001", TOTAL, idempotencyKey);
    }

    private String capturedPayment() {
        String reference = authorize().paymentReference();
        gateway.decide(reference, APPROVE);
        gateway.capture(reference, TOTAL, IdempotencyKeys.capture(ORDER));
        return reference;
    }
}
