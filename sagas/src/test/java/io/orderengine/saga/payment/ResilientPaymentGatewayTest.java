package io.orderengine.saga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.support.FakePaymentGateway;
import io.orderengine.saga.support.FakePaymentGateway.Operation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResilientPaymentGatewayTest {

    private static final ResilientPaymentGateway.Policy FAST =
            new ResilientPaymentGateway.Policy(3, Duration.ofMillis(1), 2.0, 50f, 4, Duration.ofMinutes(1));
    private static final Money AMOUNT = Money.of(100, "EUR");

    private final FakePaymentGateway fake = new FakePaymentGateway(PaymentMethod.STRIPE);
    private final ResilientPaymentGateway gateway = new ResilientPaymentGateway(fake, FAST);

    @Test
    void aTransientFailureIsRetriedWithTheSameIdempotencyKeyUntilItPasses() {
        fake.failing(Operation.CAPTURE, PaymentGatewayException.Kind.TRANSIENT);

        assertThatThrownBy(() -> gateway.capture("pay_1", AMOUNT, "o:capture"))
                .isInstanceOfSatisfying(
                        PaymentGatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(PaymentGatewayException.Kind.UNAVAILABLE));
        assertThat(fake.calls(Operation.CAPTURE))
                .hasSize(3)
                .allSatisfy(call -> assertThat(call.idempotencyKey()).isEqualTo("o:capture"));
    }

    @Test
    void aDeclineIsNotRetried() {
        fake.failing(Operation.CAPTURE, PaymentGatewayException.Kind.DECLINED);

        assertThatThrownBy(() -> gateway.capture("pay_1", AMOUNT, "o:capture"))
                .isInstanceOfSatisfying(
                        PaymentGatewayException.class,
                        e -> assertThat(e.kind()).isEqualTo(PaymentGatewayException.Kind.DECLINED));
        assertThat(fake.calls(Operation.CAPTURE)).hasSize(1);
    }

    @Test
    void aGatewayThatKeepsFailingIsNoLongerCalledOnceItsCircuitOpens() {
        fake.failing(Operation.RETRIEVE, PaymentGatewayException.Kind.TRANSIENT);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> gateway.retrieve("pay_1")).isInstanceOf(PaymentGatewayException.class);
        }
        int callsWhenOpen = fake.calls().size();

        assertThat(gateway.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> gateway.capture("pay_1", AMOUNT, "o:capture"))
                .isInstanceOfSatisfying(PaymentGatewayException.class, e -> {
                    assertThat(e.kind()).isEqualTo(PaymentGatewayException.Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("circuit breaker is open");
                });
        assertThat(fake.calls()).hasSize(callsWhenOpen);
    }
}
