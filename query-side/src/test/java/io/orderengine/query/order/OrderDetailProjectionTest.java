package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderFlaggedForAttentionEvent;
import io.orderengine.messages.order.OrderResumedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.ShortSku;
import io.orderengine.messages.query.FindGuestOrderQuery;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.messages.query.VerifyGuestTokenQuery;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedMongo.class)
class OrderDetailProjectionTest {

    private static final Actor ADMIN = Actor.admin("admin-1");

    private MongoDatabase database;
    private OrderDetailProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp(MongoDatabase database) {
        this.database = database;
        projection = new OrderDetailProjection(
                new ProjectionCollections(database),
                SimpleQueryUpdateEmitter.builder().build());
        projection.createIndexes();
        feed = new EventFeed(projection);
    }

    private static Instant minutes(long minutes) {
        return MORNING.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void showsEverythingTheOrderWasPlacedWith() {
        OrderStory story =
                OrderStory.place(feed, aPlacedOrder().billedTo("Alice Billing").build());

        OrderView view = projection.handle(new FindOrderQuery(story.id()));

        assertThat(view.orderId()).isEqualTo(story.id().value());
        assertThat(view.orderNumber()).isEqualTo(story.placed().orderNumber().value());
        assertThat(view.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(view.paymentStatus()).isEqualTo(PaymentStatus.PENDING);
        assertThat(view.paymentMethod()).isEqualTo("sandbox");
        assertThat(view.customer()).isEqualTo(new OrderView.Customer("alice", "alice@example.com", false));
        assertThat(view.lines())
                .containsExactly(
                        new OrderView.Line(
                                "TSHIRT-RED-M",
                                "Red T-shirt M",
                                2500,
                                2,
                                Map.of("color", "red", "size", "M"),
                                "https://img.example/tshirt-red.png",
                                5000),
                        new OrderView.Line("MUG-BLUE", "Blue mug", 1200, 1, Map.of(), null, 1200));
        assertThat(view.totals()).isEqualTo(new OrderView.Totals(6200, 0, 500, 1206, 7906, "EUR", 1800));
        assertThat(view.shippingAddress().fullName()).isEqualTo("Alice Example");
        assertThat(view.shippingAddress().country()).isEqualTo("IL");
        assertThat(view.billingAddress().fullName()).isEqualTo("Alice Billing");
        assertThat(view.notes()).isEqualTo("leave at the door");
        assertThat(view.payment()).isNull();
        assertThat(view.placedAt()).isEqualTo(MORNING);
        assertThat(view.updatedAt()).isEqualTo(MORNING);
        assertThat(view.statusHistory())
                .containsExactly(new OrderView.StatusChange(
                        null, OrderStatus.PENDING, MORNING, new OrderView.ActorRef("customer", "alice"), "placed"));
    }

    @Test
    void recordsEveryStatusChangeWithItsTimeActorAndNote() {
        OrderStory story = OrderStory.place(feed, aPlacedOrder().build())
                .awaitPayment(minutes(1))
                .confirm(minutes(2))
                .startProcessing(ADMIN, minutes(60))
                .ship("TRK-1", LocalDate.parse("2025-03-18"), ADMIN, minutes(120))
                .deliver(ADMIN, minutes(5000));

        OrderView view = projection.handle(new FindOrderQuery(story.id()));

        assertThat(view.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(view.trackingNumber()).isEqualTo("TRK-1");
        assertThat(view.estimatedDelivery()).isEqualTo(LocalDate.parse("2025-03-18"));
        assertThat(view.updatedAt()).isEqualTo(minutes(5000));
        assertThat(view.statusHistory())
                .extracting(OrderView.StatusChange::from, OrderView.StatusChange::to, OrderView.StatusChange::at)
                .containsExactly(
                        tuple(null, OrderStatus.PENDING, MORNING),
                        tuple(OrderStatus.PENDING, OrderStatus.AWAITING_PAYMENT, minutes(1)),
                        tuple(OrderStatus.AWAITING_PAYMENT, OrderStatus.CONFIRMED, minutes(2)),
                        tuple(OrderStatus.CONFIRMED, OrderStatus.PROCESSING, minutes(60)),
                        tuple(OrderStatus.PROCESSING, OrderStatus.SHIPPED, minutes(120)),
                        tuple(OrderStatus.SHIPPED, OrderStatus.DELIVERED, minutes(5000)));
        assertThat(view.statusHistory().get(2).actor()).isEqualTo(new OrderView.ActorRef("system", "checkout-saga"));
        assertThat(view.statusHistory().get(4).actor()).isEqualTo(new OrderView.ActorRef("admin", "admin-1"));
        assertThat(view.statusHistory().get(4).note()).isEqualTo("handed to courier");
    }

    @Test
    void followsAnOrderIntoAttentionAndBack() {
        OrderStory story = OrderStory.place(feed, aPlacedOrder().build()).awaitPayment(minutes(1));
        feed.publish(
                "Order",
                story.id().value(),
                new OrderFlaggedForAttentionEvent(
                        story.id(), OrderStatus.AWAITING_PAYMENT, Actor.system("checkout-saga"), "gateway unreachable"),
                minutes(2));
        feed.publish(
                "Order",
                story.id().value(),
                new OrderResumedEvent(
                        story.id(), OrderStatus.ATTENTION, OrderStatus.AWAITING_PAYMENT, ADMIN, "gateway back"),
                minutes(3));

        OrderView view = projection.handle(new FindOrderQuery(story.id()));

        assertThat(view.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(view.statusHistory())
                .extracting(OrderView.StatusChange::to)
                .containsExactly(
                        OrderStatus.PENDING,
                        OrderStatus.AWAITING_PAYMENT,
                        OrderStatus.ATTENTION,
                        OrderStatus.AWAITING_PAYMENT);
        assertThat(view.statusHistory().get(3).note()).isEqualTo("gateway back");
    }

    @Test
    void keepsPaymentMetadataFromTheActionToTheRefund() {
        OrderStory story = OrderStory.place(feed, aPlacedOrder().build()).awaitPayment(minutes(1));
        OrderView awaiting = projection.handle(new FindOrderQuery(story.id()));

        assertThat(awaiting.payment().action())
                .isEqualTo(new OrderView.Action("sandbox", "/api/v1/payments/sandbox/" + story.paymentReference()));
        assertThat(awaiting.payment().provider()).isEqualTo("sandbox");
        assertThat(awaiting.payment().reference()).isEqualTo(story.paymentReference());
        assertThat(awaiting.payment().amountMinor()).isEqualTo(7906);

        story.authorize(minutes(2)).confirm(minutes(3)).refund(1000, minutes(10));
        OrderView refunded = projection.handle(new FindOrderQuery(story.id()));

        assertThat(refunded.paymentStatus()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
        assertThat(refunded.payment())
                .isEqualTo(new OrderView.Payment(
                        "sandbox",
                        "visa",
                        "4242",
                        7906,
                        7906,
                        1000,
                        0,
                        story.paymentReference(),
                        "cap_" + story.paymentReference(),
                        null,
                        null,
                        1));
    }

    @Test
    void aRequestedRefundIsPendingUntilTheGatewayConfirmsIt() {
        OrderStory story = OrderStory.place(feed, aPlacedOrder().build())
                .awaitPayment(minutes(1))
                .authorize(minutes(2))
                .confirm(minutes(3))
                .requestRefund("rf-1000", 1000, minutes(9));

        OrderView requested = projection.handle(new FindOrderQuery(story.id()));
        assertThat(requested.payment().refundPendingMinor()).isEqualTo(1000);
        assertThat(requested.payment().refundedMinor()).isZero();

        story.refund(1000, minutes(10));
        OrderView refunded = projection.handle(new FindOrderQuery(story.id()));
        assertThat(refunded.payment().refundPendingMinor()).isZero();
        assertThat(refunded.payment().refundedMinor()).isEqualTo(1000);
    }

    @Test
    void recordsAFailedPaymentWithTheGatewaysReason() {
        OrderStory story = OrderStory.place(feed, aPlacedOrder().build())
                .awaitPayment(minutes(1))
                .failPayment("card declined", minutes(2));

        OrderView view = projection.handle(new FindOrderQuery(story.id()));

        assertThat(view.paymentStatus()).isEqualTo(PaymentStatus.FAILED);
        assertThat(view.payment().failureReason()).isEqualTo("card declined");
    }

    @Test
    void showsTheFailureAndTheAttemptAndThenTheNewAttemptsAction() {
        OrderStory story = OrderStory.place(feed, aPlacedOrder().build())
                .awaitPayment(minutes(1))
                .failPayment("card declined", minutes(2));

        OrderView failed = projection.handle(new FindOrderQuery(story.id()));
        assertThat(failed.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(failed.payment().attempt()).isEqualTo(1);
        assertThat(failed.payment().failureReason()).isEqualTo("card declined");

        story.startAttempt(2, PaymentMethod.SANDBOX, "sbx_second", minutes(3));
        OrderView retried = projection.handle(new FindOrderQuery(story.id()));

        assertThat(retried.status()).isEqualTo(OrderStatus.AWAITING_PAYMENT);
        assertThat(retried.paymentStatus()).isEqualTo(PaymentStatus.PENDING);
        assertThat(retried.payment().attempt()).isEqualTo(2);
        assertThat(retried.payment().failureReason()).isNull();
        assertThat(retried.payment().reference()).isEqualTo("sbx_second");
        assertThat(retried.payment().action())
                .isEqualTo(new OrderView.Action("sandbox", "/api/v1/payments/sandbox/sbx_second"));
    }

    @Test
    void namesTheMissingStockOfARejectedOrder() {
        OrderStory story = OrderStory.place(feed, aPlacedOrder().build())
                .reject(List.of(new ShortSku(new SkuCode("MUG-BLUE"), 1, 0)), minutes(1));

        OrderView view = projection.handle(new FindOrderQuery(story.id()));

        assertThat(view.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(view.shortages()).containsExactly(new OrderView.Shortage("MUG-BLUE", 1, 0));
    }

    @Test
    void dropsThePaymentActionOnceTheOrderIsCancelled() {
        OrderStory story = OrderStory.place(feed, aPlacedOrder().build())
                .awaitPayment(minutes(1))
                .cancel(Actor.customer("alice"), "changed my mind", minutes(2));

        OrderView view = projection.handle(new FindOrderQuery(story.id()));

        assertThat(view.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(view.payment().action()).isNull();
        assertThat(view.statusHistory().get(2).note()).isEqualTo("changed my mind");
    }

    @Test
    void keepsAdminNotesOutOfTheCustomersView() {
        OrderStory story =
                OrderStory.place(feed, aPlacedOrder().build()).addAdminNote(ADMIN, "called the customer", minutes(5));

        OrderView view = projection.handle(new FindOrderQuery(story.id()));

        assertThat(view.adminNotes())
                .containsExactly(new OrderView.AdminNote(
                        minutes(5), new OrderView.ActorRef("admin", "admin-1"), "called the customer"));
        assertThat(view.forCustomer().adminNotes()).isEmpty();
        assertThat(view.forCustomer().statusHistory()).isEqualTo(view.statusHistory());
    }

    @Test
    void ignoresEventsDeliveredAgain() {
        OrderStory story = OrderStory.place(feed, aPlacedOrder().build())
                .awaitPayment(minutes(1))
                .authorize(minutes(2))
                .confirm(minutes(3))
                .refund(500, minutes(4));
        Document before = storedOrder(story.id());

        feed.redeliver(story.last());
        feed.redeliverAll();

        assertThat(storedOrder(story.id())).isEqualTo(before);
        OrderView view = projection.handle(new FindOrderQuery(story.id()));
        assertThat(view.statusHistory()).hasSize(3);
        assertThat(view.payment().refundedMinor()).isEqualTo(500);
    }

    @Test
    void rebuildsTheSameDocumentsWhenReplayedFromTheStart() {
        OrderStory.place(feed, aPlacedOrder().build())
                .awaitPayment(minutes(1))
                .authorize(minutes(2))
                .confirm(minutes(3))
                .addAdminNote(ADMIN, "gift wrap", minutes(4))
                .startProcessing(ADMIN, minutes(5))
                .ship("TRK-9", null, ADMIN, minutes(6));
        OrderStory.place(feed, aPlacedOrder().byGuest("bob@example.com", "ab12").build())
                .awaitPayment(minutes(7))
                .failPayment("declined", minutes(8))
                .cancel(Actor.system("checkout-saga"), "payment failed", minutes(9));
        List<Document> live = allOrders();

        feed.replay();

        assertThat(allOrders()).isEqualTo(live);
    }

    @Test
    void answersNullForAnUnknownOrder() {
        assertThat(projection.handle(new FindOrderQuery(OrderId.random()))).isNull();
    }

    @Test
    void acceptsOnlyTheGuestTokenHashStoredForTheGuestsOrder() {
        OrderStory guestOrder = OrderStory.place(
                feed,
                aPlacedOrder()
                        .byGuest("bob@example.com", "9f86d081884c7d659a2feaa0c55ad015")
                        .build());
        OrderStory customerOrder = OrderStory.place(feed, aPlacedOrder().build());

        assertThat(projection.handle(new VerifyGuestTokenQuery(guestOrder.id(), "9f86d081884c7d659a2feaa0c55ad015")))
                .isTrue();
        assertThat(projection.guestTokenMatches(guestOrder.id(), "9F86D081884C7D659A2FEAA0C55AD015"))
                .isTrue();
        assertThat(projection.guestTokenMatches(guestOrder.id(), "0000d081884c7d659a2feaa0c55ad015"))
                .isFalse();
        assertThat(projection.guestTokenMatches(customerOrder.id(), "9f86d081884c7d659a2feaa0c55ad015"))
                .isFalse();
        assertThat(projection.guestTokenMatches(OrderId.random(), "9f86d081884c7d659a2feaa0c55ad015"))
                .isFalse();
        assertThat(projection.handle(new FindOrderQuery(guestOrder.id())).customer())
                .isEqualTo(new OrderView.Customer(null, "bob@example.com", true));
        assertThat(projection.handle(new FindGuestOrderQuery(guestOrder.id(), "9F86D081884C7D659A2FEAA0C55AD015")))
                .as("the guest's order, in one read")
                .isEqualTo(projection.handle(new FindOrderQuery(guestOrder.id())));
        assertThat(projection.handle(new FindGuestOrderQuery(guestOrder.id(), "0000d081884c7d659a2feaa0c55ad015")))
                .isNull();
        assertThat(projection.handle(new FindGuestOrderQuery(customerOrder.id(), "9f86d081884c7d659a2feaa0c55ad015")))
                .isNull();
        assertThat(projection.handle(new FindGuestOrderQuery(OrderId.random(), "9f86d081884c7d659a2feaa0c55ad015")))
                .isNull();
    }

    @Test
    void clearsTheReadModelWhenReset() {
        OrderStory.place(feed, aPlacedOrder().build());

        projection.reset();

        assertThat(allOrders()).isEmpty();
    }

    private Document storedOrder(OrderId orderId) {
        return database.getCollection("order_details")
                .find(Filters.eq("_id", orderId.value()))
                .first();
    }

    private List<Document> allOrders() {
        return database.getCollection("order_details")
                .find()
                .sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }
}
