package io.orderengine.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.AwaitPaymentCommand;
import io.orderengine.messages.order.CancelOrderCommand;
import io.orderengine.messages.order.ChangeFulfilmentStatusCommand;
import io.orderengine.messages.order.ConfirmOrderCommand;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RecordPaymentAuthorizationCommand;
import io.orderengine.messages.order.RecordRefundCommand;
import io.orderengine.messages.order.RequestRefundCommand;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.order.OrderView;
import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.util.ClassUtils;

/**
 * Moves orders of a running engine through their life the way the checkout saga and an admin would. While the saga
 * is not part of the build, payment and refunds are played by sending the saga's commands directly; when it is, the
 * sandbox gateway is used as a customer would use it.
 */
public final class OrderDriver {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Actor ADMIN = Actor.admin("admin-1");

    private final EngineClient client;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final boolean sagaRuns =
            ClassUtils.isPresent("io.orderengine.saga.checkout.CheckoutSaga", OrderDriver.class.getClassLoader());

    public OrderDriver(RunningEngine engine) {
        this.client = engine.client();
        this.commands = engine.bean(CommandGateway.class);
        this.queries = engine.bean(QueryGateway.class);
    }

    /** What checkout answered. */
    public record Placed(String orderId, String orderNumber, String guestToken) {}

    public Placed place(Map<String, Object> checkoutBody, String token) {
        EngineClient.Reply reply = client.checkout(checkoutBody, token);
        assertThat(reply.status()).as("checkout: %s", reply).isEqualTo(201);
        return new Placed(reply.text("orderId"), reply.text("orderNumber"), reply.text("guestToken"));
    }

    public OrderView view(String orderId) {
        return queries.query(new FindOrderQuery(new OrderId(orderId)), ResponseTypes.instanceOf(OrderView.class))
                .join();
    }

    public OrderView awaitStatus(String orderId, OrderStatus status) {
        await().atMost(WAIT).until(() -> {
            OrderView view = view(orderId);
            return view != null && view.status() == status;
        });
        return view(orderId);
    }

    /** Pays the order and waits until it is CONFIRMED; returns it. */
    public OrderView confirm(String orderId) {
        if (sagaRuns) {
            OrderView awaiting = awaitStatus(orderId, OrderStatus.AWAITING_PAYMENT);
            EngineClient.Reply approved =
                    client.post(awaiting.payment().action().url(), Map.of("outcome", "approve"), null);
            assertThat(approved.status()).as("sandbox approval: %s", approved).isLessThan(300);
            return awaitStatus(orderId, OrderStatus.CONFIRMED);
        }
        await().atMost(WAIT).until(() -> view(orderId) != null);
        OrderView placed = view(orderId);
        Money total = Money.of(placed.totals().totalMinor(), placed.totals().currency());
        OrderId id = new OrderId(orderId);
        String reference = "test-payment-" + orderId;
        commands.sendAndWait(new AwaitPaymentCommand(id, PaymentMethod.SANDBOX, reference, null));
        commands.sendAndWait(
                new RecordPaymentAuthorizationCommand(id, PaymentMethod.SANDBOX, reference, total, "visa", "4242"));
        commands.sendAndWait(new ConfirmOrderCommand(id, PaymentMethod.SANDBOX, "test-capture-" + orderId, total));
        return awaitStatus(orderId, OrderStatus.CONFIRMED);
    }

    public OrderView ship(String orderId, String trackingNumber) {
        OrderId id = new OrderId(orderId);
        commands.sendAndWait(
                new ChangeFulfilmentStatusCommand(id, OrderStatus.PROCESSING, ADMIN, "packing", null, null));
        commands.sendAndWait(new ChangeFulfilmentStatusCommand(
                id,
                OrderStatus.SHIPPED,
                ADMIN,
                "handed to carrier",
                trackingNumber,
                LocalDate.now().plusDays(3)));
        return awaitStatus(orderId, OrderStatus.SHIPPED);
    }

    /** Every parcel arrived: the admin's status path marks each shipment delivered. */
    public OrderView deliver(String orderId) {
        commands.sendAndWait(new ChangeFulfilmentStatusCommand(
                new OrderId(orderId), OrderStatus.DELIVERED, ADMIN, "delivered", null, null));
        return awaitStatus(orderId, OrderStatus.DELIVERED);
    }

    public OrderView cancelByAdmin(String orderId, String reason) {
        commands.sendAndWait(new CancelOrderCommand(new OrderId(orderId), ADMIN, reason));
        return awaitStatus(orderId, OrderStatus.CANCELLED);
    }

    /**
     * Refunds everything captured on a cancelled order: the saga does that by itself after a cancellation; without
     * it, the refund is asked for and recorded as the gateway would report it.
     */
    public void refundCancelled(String orderId) {
        if (!sagaRuns) {
            OrderView order = view(orderId);
            Money total = Money.of(order.totals().totalMinor(), order.totals().currency());
            String refundId = UUID.randomUUID().toString();
            OrderId id = new OrderId(orderId);
            commands.sendAndWait(new RequestRefundCommand(id, refundId, null, ADMIN, "cancelled"));
            commands.sendAndWait(new RecordRefundCommand(id, refundId, "test-refund-" + refundId, total));
        }
        await().atMost(WAIT).until(() -> {
            OrderView view = view(orderId);
            return view.payment() != null
                    && view.payment().refundedMinor() == view.totals().totalMinor();
        });
    }
}
