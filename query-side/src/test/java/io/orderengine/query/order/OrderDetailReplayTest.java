package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedMongo.class)
class OrderDetailReplayTest {

    private static final Actor ADMIN = Actor.admin("admin-1");

    private OrderDetailProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp(MongoDatabase database) {
        projection = new OrderDetailProjection(
                new ProjectionCollections(database),
                SimpleQueryUpdateEmitter.builder().build());
        feed = new EventFeed(projection);
    }

    private static Instant minutes(long minutes) {
        return MORNING.plus(Duration.ofMinutes(minutes));
    }

    private OrderStory fullStory() {
        return OrderStory.place(feed, aPlacedOrder().billedTo("Alice Billing").build())
                .awaitPayment(minutes(1))
                .authorize(minutes(2))
                .confirm(minutes(3))
                .addAdminNote(ADMIN, "gift wrap", minutes(4))
                .startProcessing(ADMIN, minutes(60))
                .ship("TRK-1", LocalDate.parse("2025-03-18"), ADMIN, minutes(120))
                .deliver(ADMIN, minutes(5000))
                .refund(1000, minutes(6000));
    }

    private List<DomainEventMessage<?>> eventsUpTo(Instant asOf) {
        return feed.published().stream()
                .filter(event -> !event.getTimestamp().isAfter(asOf))
                .toList();
    }

    @Test
    void rebuildsTheSameViewAsTheReadModelFromAllEvents() {
        OrderStory story = fullStory();

        OrderView rebuilt = OrderDetailReplay.rebuild(feed.published()).orElseThrow();

        assertThat(rebuilt).isEqualTo(projection.handle(new FindOrderQuery(story.id())));
        assertThat(rebuilt.paymentStatus()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
    }

    @Test
    void showsTheOrderAsItWasAtAnEarlierMoment() {
        fullStory();

        OrderView shipped = OrderDetailReplay.rebuild(eventsUpTo(minutes(130))).orElseThrow();
        OrderView justPlaced = OrderDetailReplay.rebuild(eventsUpTo(MORNING)).orElseThrow();

        assertThat(shipped.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(shipped.trackingNumber()).isEqualTo("TRK-1");
        assertThat(shipped.paymentStatus()).isEqualTo(PaymentStatus.PAID);
        assertThat(shipped.statusHistory()).hasSize(5);
        assertThat(shipped.updatedAt()).isEqualTo(minutes(120));
        assertThat(justPlaced.status()).isEqualTo(OrderStatus.PENDING);
        assertThat(justPlaced.payment()).isNull();
        assertThat(justPlaced.adminNotes()).isEmpty();
    }

    @Test
    void isEmptyBeforeThePlacement() {
        fullStory();

        assertThat(OrderDetailReplay.rebuild(eventsUpTo(MORNING.minusSeconds(1))))
                .isEmpty();
        assertThat(OrderDetailReplay.rebuild(List.of())).isEmpty();
    }
}
