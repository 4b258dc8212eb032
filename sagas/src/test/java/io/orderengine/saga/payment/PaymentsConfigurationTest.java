package io.orderengine.saga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.infrastructure.deadline.DeadlineConfiguration;
import io.orderengine.infrastructure.deadline.MongoDeadlineManager;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.checkout.CheckoutConfiguration;
import io.orderengine.saga.checkout.CheckoutPolicy;
import io.orderengine.saga.payment.paypal.PayPalWebhookService;
import io.orderengine.saga.payment.sandbox.SandboxCheckout;
import io.orderengine.saga.payment.stripe.StripeWebhookService;
import io.orderengine.saga.support.RecordingCommands;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Duration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PaymentsConfigurationTest {

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(MongoDatabase.class, mongo::database)
            .withBean(CommandGateway.class, () -> new RecordingCommands().gateway())
            .withBean(
                    EventGateway.class,
                    () -> DefaultEventGateway.builder()
                            .eventBus(SimpleEventBus.builder().build())
                            .build())
            .withBean(Serializer.class, JacksonSerializer::defaultSerializer)
            .withUserConfiguration(
                    PaymentsConfiguration.class, CheckoutConfiguration.class, DeadlineConfiguration.class);

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void withoutAnyKeysOnlyTheSandboxGatewayExistsAndThePaymentDeadlineIsThirtyMinutes() {
        context.run(app -> {
            assertThat(app.getBean(PaymentGateways.class).methods()).containsExactly(PaymentMethod.SANDBOX);
            assertThat(app).hasSingleBean(SandboxCheckout.class);
            assertThat(app).doesNotHaveBean(StripeWebhookService.class);
            assertThat(app).doesNotHaveBean(PayPalWebhookService.class);
            assertThat(app.getBean(CheckoutPolicy.class).paymentDeadline()).isEqualTo(Duration.ofMinutes(30));
            assertThat(app).hasSingleBean(MongoDeadlineManager.class);
        });
    }

    @Test
    void providerKeysAddTheirGatewaysAndWebhookServices() {
        context.withPropertyValues(
                        "engine.payments.deadline=15m",
                        "engine.payments.stripe.secret-key=sk_test_1",
                        "engine.payments.stripe.webhook-secret=whsec_1",
                        "engine.payments.paypal.client-id=id",
                        "engine.payments.paypal.client-secret=secret",
                        "engine.payments.paypal.webhook-id=WH-1")
                .run(app -> {
                    assertThat(app.getBean(PaymentGateways.class).methods())
                            .containsExactlyInAnyOrder(
                                    PaymentMethod.STRIPE, PaymentMethod.PAYPAL, PaymentMethod.SANDBOX);
                    assertThat(app).hasSingleBean(StripeWebhookService.class);
                    assertThat(app).hasSingleBean(PayPalWebhookService.class);
                    assertThat(app.getBean(CheckoutPolicy.class).paymentDeadline())
                            .isEqualTo(Duration.ofMinutes(15));
                });
    }

    @Test
    void gatewayRetriesAndTheCircuitBreakerAreConfigurableAndDefaultToThreeAttemptsAndThirtySecondsOpen() {
        context.run(app -> {
            PaymentsProperties.Resilience resilience =
                    app.getBean(PaymentsProperties.class).resilience();
            assertThat(resilience.policy()).isEqualTo(ResilientPaymentGateway.Policy.defaults());
            assertThat(resilience.timeout()).isEqualTo(Duration.ofSeconds(20));
        });
        context.withPropertyValues(
                        "engine.payments.resilience.max-attempts=5",
                        "engine.payments.resilience.initial-backoff=50ms",
                        "engine.payments.resilience.open-state-wait=2s",
                        "engine.payments.resilience.sliding-window-size=6",
                        "engine.payments.resilience.timeout=1500ms")
                .run(app -> {
                    PaymentsProperties.Resilience resilience =
                            app.getBean(PaymentsProperties.class).resilience();
                    assertThat(resilience.policy())
                            .isEqualTo(new ResilientPaymentGateway.Policy(
                                    5, Duration.ofMillis(50), 2.0, 50f, 6, Duration.ofSeconds(2)));
                    assertThat(resilience.timeoutMillis()).isEqualTo(1500);
                });
        context.withPropertyValues("engine.payments.resilience.max-attempts=0")
                .run(app -> assertThat(app).hasFailed());
    }
}
