package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The order detail shows the order's parcels: PARTIALLY_SHIPPED while units wait, each shipment and its delivery. */
@ExtendWith(EmbeddedMongo.class)
class OrderShipmentsProjectionTest {

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

    /** 2 T-shirts and a mug: the mug and one T-shirt leave first, the other T-shirt later; both arrive. */
    private OrderStory shippedInTwoParts() {
        return OrderStory.place(feed, aPlacedOrder().build())
                .awaitPayment(minutes(1))
                .confirm(minutes(2))
                .startProcessing(ADMIN, minutes(3))
                .shipment("S1", "MUG-BLUE", 1, ADMIN, minutes(10))
                .partiallyShipped(ADMIN, minutes(10))
                .shipmentDelivered("S1", ADMIN, minutes(100));
    }

    @Test
    void aPartlyShippedOrderShowsItsShipmentAndStatus() {
        OrderStory story = shippedInTwoParts();

        OrderView view = projection.handle(new FindOrderQuery(story.id()));

        assertThat(view.status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(view.shipments())
                .containsExactly(new OrderView.Shipment(
                        "S1",
                        List.of(new OrderView.ShipmentLine("MUG-BLUE", "mug-blue", 1)),
                        "DHL",
                        "JD-S1",
                        "DELIVERED",
                        minutes(10),
                        minutes(100)));
        assertThat(view.statusHistory())
                .last()
                .extracting(OrderView.StatusChange::to)
                .isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
    }

    @Test
    void everyShipmentIsListedOldestFirstWithItsOwnStatus() {
        OrderStory story = shippedInTwoParts()
                .shipment("S2", "TSHIRT-RED-M", 2, ADMIN, minutes(200))
                .ship("JD-S2", null, ADMIN, minutes(200));

        OrderView view = projection.handle(new FindOrderQuery(story.id()));

        assertThat(view.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(view.shipments())
                .extracting(OrderView.Shipment::shipmentId, OrderView.Shipment::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("S1", "DELIVERED"),
                        org.assertj.core.groups.Tuple.tuple("S2", "SHIPPED"));
        assertThat(view.shipments().get(1).deliveredAt()).isNull();
        assertThat(view.forCustomer().shipments()).isEqualTo(view.shipments());
    }

    @Test
    void shipmentEventsDeliveredAgainChangeNothing() {
        OrderStory story = shippedInTwoParts();
        Document before = stored(story);

        feed.redeliverAll();

        assertThat(stored(story)).isEqualTo(before);
        assertThat(projection.handle(new FindOrderQuery(story.id())).shipments())
                .hasSize(1);
    }

    @Test
    void aRebuildGivesTheSameShipments() {
        shippedInTwoParts()
                .shipment("S2", "TSHIRT-RED-M", 2, ADMIN, minutes(200))
                .ship("JD-S2", null, ADMIN, minutes(200))
                .shipmentDelivered("S2", ADMIN, minutes(300))
                .deliver(ADMIN, minutes(300));
        List<Document> live = all();

        feed.replay();

        assertThat(all()).isEqualTo(live);
    }

    private Document stored(OrderStory story) {
        return database.getCollection("order_details")
                .find(new Document("_id", story.id().value()))
                .first();
    }

    private List<Document> all() {
        List<Document> documents = new ArrayList<>();
        database.getCollection("order_details").find().into(documents);
        database.getCollection("order_details_archive").find().into(documents);
        documents.sort((a, b) -> a.getString("_id").compareTo(b.getString("_id")));
        return documents;
    }
}
