package io.orderengine.saga.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.RecordPaymentFailureCommand;
import io.orderengine.saga.inbox.PaymentNotificationHandler;
import io.orderengine.saga.inbox.WebhookInbox;
import io.orderengine.saga.inbox.WebhookProcessingException;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.AuthorizationRequest;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.support.RecordingCommands;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxCheckoutTest {

    private static final OrderId ORDER = new OrderId("5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c");
    private static final Money TOTAL = Money.of(6750, "EUR");

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final RecordingCommands commands = new RecordingCommands();
    private final SandboxPaymentGateway gateway = new SandboxPaymentGateway(mongo.database(), Clock.systemUTC());
    private final SandboxCheckout checkout = new SandboxCheckout(
            gateway,
            new WebhookInbox(mongo.database(), Clock.systemUTC()),
            new PaymentNotificationHandler(commands.gateway(), new PaymentLedger(mongo.database(), Clock.systemUTC())));
    private final String reference = gateway.authorize(
                    new AuthorizationRequest(ORDER, "ORD-20251122-000001", TOTAL, IdempotencyKeys.authorize(ORDER)))
            .paymentReference();

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void approvingRecordsTheAuthorizationOnTheOrderOnceHoweverOftenItIsPosted() {
        SandboxCheckout.Decision decision = checkout.decide(reference, "approve");
        checkout.decide(reference, "approve");

        assertThat(decision.status()).isEqualTo("authorized");
        assertThat(decision.orderId()).isEqualTo(ORDER.value());
        assertThat(commands.sent())
                .containsExactly(new RecordPaymentAuthorizationCommand(
                        ORDER, PaymentMethod.SANDBOX, reference, TOTAL, "sandbox", "4242"));
    }

    @Test
    void decliningRecordsThePaymentFailure() {
        assertThat(checkout.decide(reference, "decline").status()).isEqualTo("declined");

        assertThat(commands.sent())
                .containsExactly(new RecordPaymentFailureCommand(
                        ORDER, "declined by the customer at the sandbox gateway", reference));
    }

    @Test
    void anApprovalTheEngineCouldNotRecordIsRecordedByTheNextPost() {
        commands.failWith(new IllegalStateException("order store unavailable"));
        assertThatThrownBy(() -> checkout.decide(reference, "approve")).isInstanceOf(WebhookProcessingException.class);

        commands.succeed();
        commands.clear();
        checkout.decide(reference, "approve");

        assertThat(commands.sent()).hasSize(1);
    }

    @Test
    void anUnknownOutcomeIsRefused() {
        assertThatThrownBy(() -> checkout.decide(reference, "maybe")).isInstanceOf(IllegalArgumentException.class);
        assertThat(commands.sent()).isEmpty();
    }
}
