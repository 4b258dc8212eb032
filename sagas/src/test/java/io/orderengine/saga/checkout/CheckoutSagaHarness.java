package io.orderengine.saga.checkout;

import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.PaymentGateways;
import io.orderengine.saga.payment.PaymentParticipant;
import io.orderengine.saga.support.FakePaymentGateway;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.test.saga.SagaTestFixture;

/**
 * A {@link CheckoutSaga} fixture wired as in the engine: a fake sandbox gateway behind the payment participant, a
 * ledger on an in-memory store, step commands over the fixture's command bus, and a failed step failing the event's
 * handling (so it is handled again). {@link #close()} after each test.
 */
final class CheckoutSagaHarness implements AutoCloseable {

    final InMemoryMongo mongo = InMemoryMongo.start();
    final PaymentLedger ledger = new PaymentLedger(mongo.database(), Clock.systemUTC());
    final FakePaymentGateway gateway = new FakePaymentGateway(PaymentMethod.SANDBOX);
    final SagaTestFixture<CheckoutSaga> fixture = new SagaTestFixture<>(CheckoutSaga.class);
    final StepCommands commands;

    CheckoutSagaHarness(Duration paymentDeadline) {
        fixture.registerResource(new PaymentParticipant(new PaymentGateways(List.of(gateway)), ledger));
        fixture.registerResource(CheckoutPolicy.withPaymentDeadline(paymentDeadline));
        commands = new StepCommands(DefaultCommandGateway.builder()
                .commandBus(fixture.getCommandBus())
                .build());
        fixture.registerResource(commands);
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
        // whole seconds: the stub deadline manager keeps trigger times in milliseconds
        fixture.givenCurrentTime(Instant.parse("2025-11-22T10:00:00Z"));
    }

    @Override
    public void close() {
        commands.close();
        mongo.close();
    }
}
