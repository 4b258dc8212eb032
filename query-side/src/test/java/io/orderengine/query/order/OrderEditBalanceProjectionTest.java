package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.EditBalanceAwaitingPaymentEvent;
import io.orderengine.messages.order.EditBalancePaidEvent;
import io.orderengine.messages.order.EditBalanceRequestedEvent;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The order detail follows an edit's balance: PARTIALLY_PAID with the balance's action, then paid or rolled back. */
@ExtendWith(EmbeddedMongo.class)
class OrderEditBalanceProjectionTest {

    private static final Actor ADMIN = Actor.admin("admin-1");
    private static final PaymentAction BALANCE_ACTION =
            new PaymentAction("sandbox", "/api/v1/payments/sandbox/sbx_balance", null);

    private OrderDetailProjection projection;
    private EventFeed feed;
    private OrderStory story;
    private OrderView paidView;

    @BeforeEach
    void setUp(MongoDatabase database) {
        projection = new OrderDetailProjection(
                new ProjectionCollections(database),
                SimpleQueryUpdateEmitter.builder().build());
        feed = new EventFeed(projection);
        story = OrderStory.place(feed, aPlacedOrder().build())
                .awaitPayment(MORNING.plus(Duration.ofMinutes(1)))
                .confirm(MORNING.plus(Duration.ofMinutes(2)));
        paidView = view();
        OrderTotals before = story.placed().totals();
        List<OrderLine> lines = new ArrayList<>(story.placed().lines());
        OrderLine lamp = OrderLine.of(new SkuCode("LAMP"), "Lamp", Money.of(4000, before.currency()), 1, null, null);
        lines.add(lamp);
        OrderTotals after = new OrderTotals(
                before.subtotal().plus(lamp.lineTotal()),
                before.discount(),
                before.shipping(),
                before.tax(),
                before.total().plus(lamp.lineTotal()),
                before.taxRateBasisPoints());
        publish(
                new OrderEditedEvent(
                        story.id(),
                        "ed-1",
                        2,
                        List.of(OrderEditChange.addLine(lamp.sku(), 1)),
                        null,
                        lines,
                        List.of(new EditedLine(lamp.sku(), "Lamp", lamp.unitPrice(), 0, 1)),
                        before,
                        after,
                        story.placed().shippingAddress(),
                        lamp.lineTotal(),
                        true,
                        ADMIN,
                        story.placed().customer(),
                        null),
                3);
        publish(new EditBalanceRequestedEvent(story.id(), "ed-1", null, lamp.lineTotal(), PaymentMethod.SANDBOX), 3);
        publish(
                new EditBalanceAwaitingPaymentEvent(
                        story.id(), "ed-1", PaymentMethod.SANDBOX, "sbx_balance", BALANCE_ACTION),
                4);
    }

    @Test
    void aBalanceDueIsPartiallyPaidWithTheBalancesActionAndSettledOncePaid() {
        OrderView due = view();
        assertThat(due.paymentStatus()).isEqualTo(PaymentStatus.PARTIALLY_PAID);
        assertThat(due.payment().action()).isEqualTo(new OrderView.Action("sandbox", BALANCE_ACTION.url()));
        assertThat(due.payment().reference()).isEqualTo("sbx_balance");
        assertThat(due.edits())
                .singleElement()
                .satisfies(edit -> assertThat(edit.status()).isEqualTo("AWAITING_BALANCE"));

        publish(
                new EditBalancePaidEvent(
                        story.id(), "ed-1", "sbx_balance", "sbx_cap_b", Money.of(4000, "EUR"), PaymentStatus.PAID),
                5);
        OrderView paid = view();
        assertThat(paid.paymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(paid.payment().action()).isNull();
        assertThat(paid.payment().reference()).isEqualTo(paidView.payment().reference());
        assertThat(paid.payment().capturedMinor()).isEqualTo(paidView.payment().capturedMinor() + 4000);
        assertThat(paid.edits().get(0).status()).isEqualTo("SETTLED");
        assertThat(OrderDetailReplay.rebuild(feed.published()).orElseThrow()).isEqualTo(paid);
    }

    @Test
    void aRollbackRestoresTheOrderBeforeTheEditAtANewVersion() {
        publish(
                new OrderEditRolledBackEvent(
                        story.id(),
                        "ed-1",
                        3,
                        story.placed().lines(),
                        List.of(),
                        story.placed().totals(),
                        story.placed().shippingAddress(),
                        PaymentStatus.PAID,
                        "balance not paid within 30 minutes",
                        Actor.system("edit-balance-saga"),
                        story.placed().customer()),
                40);
        OrderView rolledBack = view();
        assertThat(rolledBack.version()).isEqualTo(3);
        assertThat(rolledBack.lines()).isEqualTo(paidView.lines());
        assertThat(rolledBack.totals()).isEqualTo(paidView.totals());
        assertThat(rolledBack.paymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(rolledBack.payment()).isEqualTo(paidView.payment());
        assertThat(rolledBack.edits().get(0).status()).isEqualTo("ROLLED_BACK");
        assertThat(OrderDetailReplay.rebuild(feed.published()).orElseThrow()).isEqualTo(rolledBack);
    }

    @Test
    void aCancellationWhileTheBalanceIsDueEndsTheEditCancelledWithTheFirstPaymentShownAgain() {
        publish(
                new OrderCancelledEvent(
                        story.id(), OrderStatus.CONFIRMED, ADMIN, "customer called", Money.of(0, "EUR"), true),
                10);

        OrderView cancelled = view();
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(cancelled.edits())
                .singleElement()
                .satisfies(edit -> assertThat(edit.status()).isEqualTo("CANCELLED"));
        assertThat(cancelled.paymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(cancelled.payment().action()).isNull();
        assertThat(cancelled.payment().reference()).isEqualTo(paidView.payment().reference());
        assertThat(OrderDetailReplay.rebuild(feed.published()).orElseThrow()).isEqualTo(cancelled);
    }

    private void publish(Object event, int minutes) {
        feed.publish("Order", story.id().value(), event, MORNING.plus(Duration.ofMinutes(minutes)));
    }

    private OrderView view() {
        return projection.handle(new FindOrderQuery(story.id()));
    }
}
