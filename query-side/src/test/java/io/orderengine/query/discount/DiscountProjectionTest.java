package io.orderengine.query.discount;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.discount.DiscountChangedEvent;
import io.orderengine.messages.discount.DiscountCreatedEvent;
import io.orderengine.messages.discount.DiscountId;
import io.orderengine.messages.discount.DiscountTerms;
import io.orderengine.messages.discount.DiscountType;
import io.orderengine.messages.discount.DiscountUseConfirmedEvent;
import io.orderengine.messages.discount.DiscountUseReleasedEvent;
import io.orderengine.messages.discount.DiscountUseReservedEvent;
import io.orderengine.messages.discount.FindDiscountQuery;
import io.orderengine.messages.discount.ListDiscountsQuery;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin's discount codes: terms as last changed, use counts as the aggregate reported them. */
@ExtendWith(EmbeddedMongo.class)
class DiscountProjectionTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");
    private static final DiscountId SPRING = DiscountId.of("SPRING25");
    private static final OrderId ORDER_A = new OrderId("00000000-0000-0000-0000-00000000000a");
    private static final OrderId ORDER_B = new OrderId("00000000-0000-0000-0000-00000000000b");

    private DiscountProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp(MongoDatabase database) {
        projection = new DiscountProjection(new ProjectionCollections(database));
        feed = new EventFeed(projection);
    }

    private void publish(DiscountId id, Object event, long minutes) {
        feed.publish("Discount", id.value(), event, AT.plusSeconds(60 * minutes));
    }

    private static DiscountTerms spring(boolean active) {
        return new DiscountTerms(
                "Spring25",
                DiscountType.PERCENT,
                2500,
                "EUR",
                AT,
                Instant.parse("2026-04-01T00:00:00Z"),
                100,
                1,
                2000,
                active);
    }

    @Test
    void showsTheLatestTermsAndTheUsesHeldAndMade() {
        publish(SPRING, new DiscountCreatedEvent(SPRING, spring(true)), 0);
        publish(SPRING, new DiscountUseReservedEvent(SPRING, ORDER_A, "a", 1, 0), 1);
        publish(SPRING, new DiscountUseReservedEvent(SPRING, ORDER_B, "b", 2, 0), 2);
        publish(SPRING, new DiscountUseConfirmedEvent(SPRING, ORDER_A, 1, 1), 3);
        publish(SPRING, new DiscountUseReleasedEvent(SPRING, ORDER_B, "order cancelled", 0, 1), 4);
        publish(SPRING, new DiscountChangedEvent(SPRING, spring(false)), 5);

        DiscountView view = projection.handle(new FindDiscountQuery(SPRING));
        assertThat(view).isEqualTo(DiscountView.of(spring(false), 0, 1, AT.plusSeconds(300)));
        assertThat(view.terms()).isEqualTo(spring(false));
    }

    @Test
    void listsCodesInIdOrderAndIgnoresEventsDeliveredAgain() {
        DiscountId tenOff = DiscountId.of("ten-off");
        publish(tenOff, new DiscountCreatedEvent(tenOff, DiscountTerms.fixed("ten-off", Money.of(1000, "EUR"))), 0);
        publish(SPRING, new DiscountCreatedEvent(SPRING, spring(true)), 1);
        publish(SPRING, new DiscountUseReservedEvent(SPRING, ORDER_A, "a", 1, 0), 2);
        DiscountPage before = projection.handle(new ListDiscountsQuery());

        feed.redeliverAll();

        assertThat(projection.handle(new ListDiscountsQuery())).isEqualTo(before);
        assertThat(before.items()).extracting(DiscountView::code).containsExactly("Spring25", "ten-off");
        assertThat(before.items().get(0).usesReserved()).isEqualTo(1);
        assertThat(projection.handle(new FindDiscountQuery(DiscountId.of("NOPE"))))
                .isNull();
    }
}
