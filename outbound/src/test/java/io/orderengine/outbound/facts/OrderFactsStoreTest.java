package io.orderengine.outbound.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.outbound.GuestOrders;
import io.orderengine.testkit.OrderFixtures;
import java.net.InetSocketAddress;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound order facts against an in-memory Mongo and an in-memory event store: each event is folded in once
 * however often it arrives, and an order the model does not know is rebuilt from its events.
 */
class OrderFactsStoreTest {

    private static final OrderId ORDER = new OrderId("7d1e2f30-0000-4000-8000-000000000042");

    private MongoServer mongo;
    private MongoClient client;
    private MongoDatabase database;
    private EventStore events;
    private OrderFactsStore facts;

    /** The order's life in the event store: placed, awaiting payment, confirmed, processing, shipped, refunded. */
    private final List<DomainEventMessage<?>> history = List.of(
            OrderFixtures.message(ORDER, 0, GuestOrders.aPlacedGuestOrder(ORDER, "guest@example.com")),
            OrderFixtures.message(ORDER, 1, "awaiting payment: not a fact the outbound side keeps"),
            OrderFixtures.message(ORDER, 2, GuestOrders.confirmed(ORDER)),
            OrderFixtures.message(ORDER, 3, "processing: not a fact the outbound side keeps"),
            OrderFixtures.message(ORDER, 4, OrderFixtures.shipped(ORDER, "TRACK-1")),
            OrderFixtures.message(
                    ORDER,
                    5,
                    new PaymentRefundedEvent(
                            ORDER,
                            "refund-1",
                            "re_1",
                            OrderFixtures.eur(540),
                            OrderFixtures.eur(540),
                            PaymentStatus.PARTIALLY_REFUNDED)));

    @BeforeEach
    void start() {
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        database = client.getDatabase("order_facts_test");
        events = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        facts = new OrderFactsStore(database, events);
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.shutdownNow();
    }

    private MongoCollection<Document> collection() {
        return database.getCollection(OrderFactsStore.COLLECTION);
    }

    private Document stored() {
        return collection().find(Filters.eq("_id", ORDER.value())).first();
    }

    private void record(DomainEventMessage<?> event) {
        facts.record(ORDER, event.getPayload(), event.getSequenceNumber(), event.getTimestamp());
    }

    @Test
    void foldsThePlacementConfirmationShipmentAndRefundsOfAnOrder() {
        history.forEach(this::record);

        OrderFacts order = facts.find(ORDER).orElseThrow();

        assertThat(order.orderNumber()).isEqualTo(GuestOrders.NUMBER);
        assertThat(order.email()).isEqualTo("guest@example.com");
        assertThat(order.guest()).isTrue();
        assertThat(order.lines())
                .singleElement()
                .satisfies(line -> assertThat(line.lineTotal()).isEqualTo(OrderFixtures.eur(2500)));
        assertThat(order.totals().total()).isEqualTo(OrderFixtures.eur(3540));
        assertThat(order.shippingAddress().country()).isEqualTo("IL");
        assertThat(order.confirmed()).isTrue();
        assertThat(order.confirmedAt()).isEqualTo(history.get(2).getTimestamp().truncatedTo(ChronoUnit.MILLIS));
        assertThat(order.trackingNumber()).isEqualTo("TRACK-1");
        assertThat(order.refundedTotal()).isEqualTo(OrderFixtures.eur(540));
        assertThat(order.sequence()).isEqualTo(5);
    }

    @Test
    void redeliveredAndReplayedEventsChangeNothing() {
        history.forEach(this::record);
        Document before = stored();

        record(history.get(2));
        record(history.get(4));
        history.forEach(this::record);

        assertThat(stored()).isEqualTo(before);
        assertThat(collection().countDocuments()).isEqualTo(1);
    }

    @Test
    void aConfirmationDeliveredAgainKeepsTheFirstConfirmationAsTheInvoiceDate() {
        history.subList(0, 3).forEach(this::record);
        DomainEventMessage<?> confirmedAgain = OrderFixtures.message(ORDER, 3, GuestOrders.confirmed(ORDER));

        OrderFacts order = facts.record(
                        ORDER,
                        confirmedAgain.getPayload(),
                        3,
                        history.get(2).getTimestamp().plusSeconds(60))
                .orElseThrow();

        assertThat(order.confirmedAt()).isEqualTo(history.get(2).getTimestamp().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void factsMissingFromTheModelAreRebuiltFromTheOrdersEventsAndKept() {
        events.publish(history);

        OrderFacts rebuilt = facts.find(ORDER).orElseThrow();

        assertThat(rebuilt.orderNumber()).isEqualTo(GuestOrders.NUMBER);
        assertThat(rebuilt.confirmedAt()).isEqualTo(history.get(2).getTimestamp());
        assertThat(rebuilt.trackingNumber()).isEqualTo("TRACK-1");
        assertThat(rebuilt.sequence()).isEqualTo(5);
        assertThat(stored()).isNotNull();
        assertThat(OrderFactsStore.decode(stored()).sequence()).isEqualTo(5);
    }

    @Test
    void aConsumerMeetingAnOrderPlacedBeforeTheModelExistedGetsItsFactsFromTheEventStore() {
        events.publish(history.subList(0, 3));

        OrderFacts order = facts.record(
                        ORDER, history.get(2).getPayload(), 2, history.get(2).getTimestamp())
                .orElseThrow();

        assertThat(order.email()).isEqualTo("guest@example.com");
        assertThat(order.confirmed()).isTrue();
        events.publish(history.subList(3, 5));
        record(history.get(4));
        assertThat(facts.find(ORDER).orElseThrow().trackingNumber()).isEqualTo("TRACK-1");
    }

    @Test
    void factsBehindTheEventStoreAreBroughtUpToDateByARebuildButNeverSetBack() {
        history.subList(0, 1).forEach(this::record);
        events.publish(history.subList(0, 3));

        assertThat(facts.find(ORDER).orElseThrow().confirmed()).isFalse();
        assertThat(facts.rebuild(ORDER).orElseThrow().confirmed()).isTrue();
        assertThat(facts.find(ORDER).orElseThrow().confirmed()).isTrue();

        history.subList(3, 6).forEach(this::record);
        assertThat(facts.rebuild(ORDER).orElseThrow().sequence()).isEqualTo(5);
        assertThat(facts.find(ORDER).orElseThrow().refundedTotal()).isEqualTo(Money.of(540, "EUR"));
    }

    @Test
    void anOrderNobodyKnowsHasNoFacts() {
        assertThat(facts.find(ORDER)).isEmpty();
        assertThat(facts.record(
                        ORDER, GuestOrders.confirmed(ORDER), 2, history.get(2).getTimestamp()))
                .isEmpty();
        assertThat(collection().countDocuments()).isZero();
    }
}
