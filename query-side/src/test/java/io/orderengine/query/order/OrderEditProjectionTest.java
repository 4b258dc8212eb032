package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Duration;
import java.util.List;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The order detail follows an edit: new lines, totals and address, the version, and the edit until it is settled. */
@ExtendWith(EmbeddedMongo.class)
class OrderEditProjectionTest {

    private static final Actor ADMIN = Actor.admin("admin-1");
    private static final Address HAIFA =
            new Address("Noa Cohen", null, "2 Yafo St", null, "Haifa", null, "3300000", "IL");

    private OrderDetailProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp(MongoDatabase database) {
        projection = new OrderDetailProjection(
                new ProjectionCollections(database),
                SimpleQueryUpdateEmitter.builder().build());
        feed = new EventFeed(projection);
    }

    @Test
    void anEditReplacesLinesTotalsAndAddressRaisesTheVersionAndIsSettledByItsRefund() {
        OrderStory story = OrderStory.place(feed, aPlacedOrder().build())
                .awaitPayment(MORNING.plus(Duration.ofMinutes(1)))
                .confirm(MORNING.plus(Duration.ofMinutes(2)));
        OrderTotals before = story.placed().totals();
        String currency = before.currency();
        OrderLine mug = OrderLine.of(new SkuCode("MUG"), "Mug", Money.of(1000, currency), 1, null, null);
        OrderTotals after = new OrderTotals(
                Money.of(1000, currency),
                Money.zero(currency),
                Money.zero(currency),
                Money.zero(currency),
                Money.of(1000, currency),
                0);
        Money balance = after.total().minus(before.total());
        feed.publish(
                "Order",
                story.id().value(),
                new OrderEditedEvent(
                        story.id(),
                        "ed-1",
                        2,
                        List.of(OrderEditChange.shipTo(HAIFA)),
                        "customer called",
                        List.of(mug),
                        List.of(new EditedLine(mug.sku(), "Mug", mug.unitPrice(), 0, 1)),
                        before,
                        after,
                        HAIFA,
                        balance,
                        true,
                        ADMIN,
                        story.placed().customer(),
                        null),
                MORNING.plus(Duration.ofMinutes(3)));

        OrderView edited = projection.handle(new FindOrderQuery(story.id()));
        assertThat(edited.version()).isEqualTo(2);
        assertThat(edited.lines()).extracting(OrderView.Line::sku).containsExactly("MUG");
        assertThat(edited.totals().totalMinor()).isEqualTo(1000);
        assertThat(edited.shippingAddress().city()).isEqualTo("Haifa");
        assertThat(edited.edits()).singleElement().satisfies(edit -> {
            assertThat(edit.editId()).isEqualTo("ed-1");
            assertThat(edit.balanceMinor()).isEqualTo(balance.amountMinor());
            assertThat(edit.status()).isEqualTo("REFUND_PENDING");
            assertThat(edit.changes().get(0).type()).isEqualTo("set_shipping_address");
            assertThat(edit.changes().get(0).address().city()).isEqualTo("Haifa");
        });

        Money refund = Money.of(-balance.amountMinor(), currency);
        feed.publish(
                "Order",
                story.id().value(),
                new PaymentRefundedEvent(
                        story.id(), "rf-ed-1", "re_1", refund, refund, PaymentStatus.PARTIALLY_REFUNDED),
                MORNING.plus(Duration.ofMinutes(4)));
        assertThat(projection
                        .handle(new FindOrderQuery(story.id()))
                        .edits()
                        .get(0)
                        .status())
                .isEqualTo("SETTLED");
        assertThat(OrderDetailReplay.rebuild(feed.published()).orElseThrow())
                .isEqualTo(projection.handle(new FindOrderQuery(story.id())));
    }

    @Test
    void anUnpaidOrderEditedToAnotherTotalShowsNoPaymentActionUntilTheNewPaymentWaits() {
        OrderStory story =
                OrderStory.place(feed, aPlacedOrder().build()).awaitPayment(MORNING.plus(Duration.ofMinutes(1)));
        assertThat(projection.handle(new FindOrderQuery(story.id())).payment().action())
                .isNotNull();
        OrderTotals before = story.placed().totals();
        String currency = before.currency();
        OrderLine mug = OrderLine.of(new SkuCode("MUG"), "Mug", Money.of(1000, currency), 1, null, null);
        OrderTotals after = new OrderTotals(
                before.subtotal().plus(mug.unitPrice()),
                before.discount(),
                before.shipping(),
                before.tax(),
                before.total().plus(mug.unitPrice()),
                before.taxRateBasisPoints());
        List<OrderLine> lines = new java.util.ArrayList<>(story.placed().lines());
        lines.add(mug);
        feed.publish(
                "Order",
                story.id().value(),
                new OrderEditedEvent(
                        story.id(),
                        "ed-1",
                        2,
                        List.of(OrderEditChange.addLine(mug.sku(), 1)),
                        null,
                        lines,
                        List.of(new EditedLine(mug.sku(), "Mug", mug.unitPrice(), 0, 1)),
                        before,
                        after,
                        story.placed().shippingAddress(),
                        mug.unitPrice(),
                        false,
                        ADMIN,
                        story.placed().customer(),
                        null),
                MORNING.plus(Duration.ofMinutes(2)));

        OrderView edited = projection.handle(new FindOrderQuery(story.id()));
        assertThat(edited.totals().totalMinor()).isEqualTo(after.total().amountMinor());
        assertThat(edited.payment().action()).isNull();
        assertThat(edited.payment().amountMinor())
                .as("the payment under way is for the new total")
                .isEqualTo(after.total().amountMinor());
        assertThat(edited.edits())
                .singleElement()
                .satisfies(edit -> assertThat(edit.status()).isEqualTo("SETTLED"));
    }
}
