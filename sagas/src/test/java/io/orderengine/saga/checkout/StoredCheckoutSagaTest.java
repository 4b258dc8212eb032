package io.orderengine.saga.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentAuthorizedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.ShortSku;
import io.orderengine.messages.sku.CommitStockCommand;
import io.orderengine.saga.checkout.CheckoutProgress.FailedStep;
import io.orderengine.saga.checkout.CheckoutProgress.Stage;
import io.orderengine.saga.checkout.CheckoutState.OwedRefund;
import io.orderengine.saga.checkout.CheckoutState.SkuQuantity;
import io.orderengine.saga.commands.StepCommands;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.PaymentGateways;
import io.orderengine.saga.payment.PaymentParticipant;
import io.orderengine.saga.support.FakePaymentGateway;
import io.orderengine.saga.support.RecordingCommands;
import io.orderengine.saga.support.StateMapper;
import io.orderengine.testkit.InMemoryMongo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.Registration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.saga.SimpleResourceInjector;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * Sagas the saga store already holds: written by the version that kept a {@code CheckoutProgress} with a plain
 * string order id and the total apart from its currency (the JSON under src/test/resources/checkout was produced by
 * serializing that version with the engine's state mapper). The saga must read them into its typed state, lose
 * nothing the console shows, and carry on from where they were.
 */
class StoredCheckoutSagaTest {

    /** The order the stored documents (written by the saga before its state was typed) are about. */
    private static final OrderId ORDER_ID = new OrderId("5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c");

    private static final SkuCode MUG = new SkuCode("MUG-BLUE");
    private static final SkuCode SHIRT = new SkuCode("TSHIRT-RED-M");
    private static final Money TOTAL = Money.of(6750, "EUR");

    private final JacksonSerializer serializer = StateMapper.serializer();

    @Test
    void aSagaStoredAwaitingPaymentIsReadIntoTypedIdsMoneyAndSkuCodes() throws IOException {
        CheckoutState state = load("checkout-saga-v1-awaiting-payment.json").state();

        assertThat(state.orderId()).isEqualTo(ORDER_ID);
        assertThat(state.total()).isEqualTo(TOTAL);
        assertThat(state.stage()).isEqualTo(Stage.AWAITING_PAYMENT);
        assertThat(state.provider).isEqualTo(PaymentMethod.SANDBOX);
        assertThat(state.quantities).containsExactly(new SkuQuantity(MUG, 1), new SkuQuantity(SHIRT, 2));
        assertThat(state.reserved).containsExactly(SHIRT, MUG);
        assertThat(state.paymentReference).isEqualTo("pay_123");
        assertThat(state.paymentDeadlineId).isEqualTo("deadline-payment-1");
        assertThat(state.captured).isNull();
    }

    @Test
    void aSagaStoredWithARefundOwedKeepsItsCaptureAndTheRefundAsMoney() throws IOException {
        CheckoutState state =
                load("checkout-saga-v1-confirmed-refund-owed.json").state();

        assertThat(state.captureReference).isEqualTo("ch_123");
        assertThat(state.captured).isEqualTo(TOTAL);
        assertThat(state.stockCommitted).isTrue();
        assertThat(state.failedStep()).isEqualTo(FailedStep.REFUND);
        assertThat(state.failure).isEqualTo("refund failed at the gateway");
        assertThat(state.owedRefunds).containsExactly(new OwedRefund("r-4", Money.of(1250, "EUR")));
    }

    @Test
    void aSagaStoredWhileReservingStockKeepsItsShortSkus() throws IOException {
        CheckoutState state = load("checkout-saga-v1-reserving-stock.json").state();

        assertThat(state.shortSkus).containsExactly(new ShortSku(MUG, 1, 0));
        assertThat(state.reserved).containsExactly(SHIRT);
        assertThat(state.everySkuAnswered()).isTrue();
    }

    @Test
    void everyStoredSagaShowsTheConsoleExactlyWhatItStored() throws IOException {
        for (String fixture : List.of(
                "checkout-saga-v1-awaiting-payment.json",
                "checkout-saga-v1-confirmed-refund-owed.json",
                "checkout-saga-v1-reserving-stock.json")) {
            JsonNode stored = StateMapper.objectMapper().readTree(json(fixture)).get("progress");

            JsonNode shown =
                    StateMapper.objectMapper().valueToTree(load(fixture).getProgress());

            assertThat(shown.toString()).as(fixture).isEqualTo(stored.toString());
        }
    }

    @Test
    void aStoredSagaIsWrittenBackInTheNewShapeAndReadAgainUnchanged() throws IOException {
        CheckoutSaga loaded = load("checkout-saga-v1-confirmed-refund-owed.json");

        String written = serializer.serialize(loaded, String.class).getData();
        CheckoutSaga reloaded = deserialize(written);

        assertThat(written).contains("\"state\"").doesNotContain("\"progress\"", "totalMinor");
        assertThat(reloaded.state()).usingRecursiveComparison().isEqualTo(loaded.state());
    }

    @Test
    void aSagaStoredAwaitingPaymentCapturesAndConfirmsWhenThePaymentIsAuthorized() throws IOException {
        CheckoutSaga saga = load("checkout-saga-v1-awaiting-payment.json");
        RecordingCommands commands = new RecordingCommands();
        RecordingDeadlines deadlines = new RecordingDeadlines();
        FakePaymentGateway gateway = new FakePaymentGateway(PaymentMethod.SANDBOX);
        try (InMemoryMongo mongo = InMemoryMongo.start();
                StepCommands stepCommands = new StepCommands(commands.gateway())) {
            PaymentLedger ledger = new PaymentLedger(mongo.database(), Clock.systemUTC());
            new SimpleResourceInjector(
                            stepCommands,
                            deadlines,
                            new PaymentParticipant(new PaymentGateways(List.of(gateway)), ledger),
                            CheckoutPolicy.withPaymentDeadline(Duration.ofMinutes(30)))
                    .injectResources(saga);

            saga.on(
                    new PaymentAuthorizedEvent(ORDER_ID, PaymentMethod.SANDBOX, "pay_123", TOTAL, "sandbox", "4242"),
                    Instant.parse("2025-11-22T10:05:00Z"));

            assertThat(commands.sent())
                    .containsExactly(
                            new ConfirmOrderCommand(
                                    ORDER_ID, PaymentMethod.SANDBOX, FakePaymentGateway.CAPTURE_REFERENCE, TOTAL),
                            new CommitStockCommand(MUG, ORDER_ID),
                            new CommitStockCommand(SHIRT, ORDER_ID));
            assertThat(deadlines.cancelled)
                    .as("every payment and capture deadline of the saga")
                    .containsExactly(CheckoutSaga.PAYMENT_DEADLINE + "/*", CheckoutSaga.CAPTURE_DEADLINE + "/*");
            assertThat(saga.state().paymentDeadlineId).isNull();
            assertThat(ledger.entriesOf(ORDER_ID)).hasSize(1);
            // CONFIRMED comes with the order's OrderConfirmedEvent
            assertThat(saga.state().stage()).isEqualTo(Stage.CAPTURING);
            assertThat(saga.state().captured).isEqualTo(TOTAL);
            assertThat(saga.state().stockCommitted).isTrue();
        }
    }

    @Test
    void anOrderConfirmedHandledAgainAfterACrashRemovesADeadlineTheSavedStateNoLongerNames() throws IOException {
        // a crash between the saga's save (stage past payment, deadline ids cleared) and the deadline store's delete:
        // the payment deadline is still stored, the saved state names none; the event is handled again
        CheckoutSaga saga = load("checkout-saga-v1-awaiting-payment.json");
        saga.state().stage = Stage.CAPTURING;
        saga.state().paymentDeadlineId = null;
        RecordingCommands commands = new RecordingCommands();
        RecordingDeadlines deadlines = new RecordingDeadlines();
        try (InMemoryMongo mongo = InMemoryMongo.start();
                StepCommands stepCommands = new StepCommands(commands.gateway())) {
            new SimpleResourceInjector(
                            stepCommands,
                            deadlines,
                            new PaymentParticipant(
                                    new PaymentGateways(List.of(new FakePaymentGateway(PaymentMethod.SANDBOX))),
                                    new PaymentLedger(mongo.database(), Clock.systemUTC())),
                            CheckoutPolicy.withPaymentDeadline(Duration.ofMinutes(30)))
                    .injectResources(saga);

            saga.on(new OrderConfirmedEvent(
                    ORDER_ID,
                    OrderStatus.AWAITING_PAYMENT,
                    PaymentMethod.SANDBOX,
                    FakePaymentGateway.CAPTURE_REFERENCE,
                    TOTAL,
                    Actor.system("checkout"),
                    null));

            assertThat(deadlines.cancelled)
                    .as("every deadline of the saga, not only those its state names")
                    .containsExactly(CheckoutSaga.PAYMENT_DEADLINE + "/*", CheckoutSaga.CAPTURE_DEADLINE + "/*");
            assertThat(saga.state().stage()).isEqualTo(Stage.CONFIRMED);
        }
    }

    private CheckoutSaga load(String fixture) throws IOException {
        return deserialize(json(fixture));
    }

    private CheckoutSaga deserialize(String json) {
        return serializer.deserialize(new SimpleSerializedObject<>(
                json, String.class, new SimpleSerializedType("io.orderengine.saga.checkout.CheckoutSaga", null)));
    }

    private static String json(String fixture) throws IOException {
        try (InputStream in = StoredCheckoutSagaTest.class.getResourceAsStream("/checkout/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Only what the capture path uses: the cancellation of the saga's deadlines. */
    private static final class RecordingDeadlines implements DeadlineManager {

        final List<String> cancelled = new ArrayList<>();

        @Override
        public String schedule(
                Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cancelSchedule(String deadlineName, String scheduleId) {
            cancelled.add(deadlineName + "/" + scheduleId);
        }

        @Override
        public void cancelAll(String deadlineName) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void cancelAllWithinScope(String deadlineName) {
            cancelled.add(deadlineName + "/*");
        }

        @Override
        public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Registration registerDispatchInterceptor(
                MessageDispatchInterceptor<? super DeadlineMessage<?>> dispatchInterceptor) {
            return () -> true;
        }

        @Override
        public Registration registerHandlerInterceptor(
                MessageHandlerInterceptor<? super DeadlineMessage<?>> handlerInterceptor) {
            return () -> true;
        }
    }
}
