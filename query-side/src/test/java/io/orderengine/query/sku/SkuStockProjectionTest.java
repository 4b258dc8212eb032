package io.orderengine.query.sku;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.query.FindSkuQuery;
import io.orderengine.messages.query.ListLowStockSkusQuery;
import io.orderengine.messages.query.ListSkusQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.messages.sku.LowStockReachedEvent;
import io.orderengine.messages.sku.SkuDeactivatedEvent;
import io.orderengine.messages.sku.SkuDetailsUpdatedEvent;
import io.orderengine.messages.sku.SkuPriceChangedEvent;
import io.orderengine.messages.sku.SkuReactivatedEvent;
import io.orderengine.messages.sku.SkuRegisteredEvent;
import io.orderengine.messages.sku.StockAdjustedEvent;
import io.orderengine.messages.sku.StockCommittedEvent;
import io.orderengine.messages.sku.StockReceivedEvent;
import io.orderengine.messages.sku.StockReleasedEvent;
import io.orderengine.messages.sku.StockReservedEvent;
import io.orderengine.messages.sku.StockRestockedEvent;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedMongo.class)
class SkuStockProjectionTest {

    private static final Instant AT = Instant.parse("2025-03-14T08:00:00Z");
    private static final OrderId ORDER = OrderId.random();

    private MongoDatabase database;
    private SkuStockProjection projection;
    private EventFeed feed;

    @BeforeEach
    void setUp(MongoDatabase database) {
        this.database = database;
        projection = new SkuStockProjection(
                new ProjectionCollections(database),
                SimpleQueryUpdateEmitter.builder().build());
        projection.createIndexes();
        feed = new EventFeed(projection);
    }

    private void register(String code, long priceMinor, int threshold) {
        publish(
                code,
                new SkuRegisteredEvent(
                        new SkuCode(code),
                        "Name of " + code,
                        Money.of(priceMinor, "EUR"),
                        threshold,
                        Map.of("color", "red"),
                        "https://img.example/" + code + ".png"));
    }

    private void receive(String code, int quantity, int onHand, int available) {
        publish(code, new StockReceivedEvent(new SkuCode(code), quantity, "received", onHand, available));
    }

    private DomainEventMessage<?> publish(String code, Object event) {
        return feed.publish("Sku", code, event, AT);
    }

    private SkuView find(String code) {
        return projection.handle(new FindSkuQuery(new SkuCode(code)));
    }

    @Test
    void registersASkuWithNoStock() {
        register("TSHIRT-RED-M", 2500, 2);

        assertThat(find("TSHIRT-RED-M"))
                .isEqualTo(new SkuView(
                        "TSHIRT-RED-M",
                        "Name of TSHIRT-RED-M",
                        2500,
                        "EUR",
                        Map.of("color", "red"),
                        "https://img.example/TSHIRT-RED-M.png",
                        0,
                        0,
                        0,
                        2,
                        true,
                        true));
    }

    @Test
    void tracksOnHandReservedAndAvailableThroughAReservationsLife() {
        register("MUG", 1200, 2);
        receive("MUG", 10, 10, 10);
        publish("MUG", new StockReservedEvent(new SkuCode("MUG"), ORDER, 3, 7, AT.plusSeconds(900)));

        assertThat(find("MUG"))
                .extracting(SkuView::onHand, SkuView::reserved, SkuView::available)
                .containsExactly(10, 3, 7);

        publish("MUG", new StockCommittedEvent(new SkuCode("MUG"), ORDER, 3, 7, 7));
        assertThat(find("MUG"))
                .extracting(SkuView::onHand, SkuView::reserved, SkuView::available)
                .containsExactly(7, 0, 7);

        publish("MUG", new StockRestockedEvent(new SkuCode("MUG"), ORDER, 3, "returned", 10, 10));
        publish("MUG", new StockReservedEvent(new SkuCode("MUG"), OrderId.random(), 4, 6, AT.plusSeconds(900)));
        publish("MUG", new StockReleasedEvent(new SkuCode("MUG"), ORDER, 4, "payment failed", 10));
        publish("MUG", new StockAdjustedEvent(new SkuCode("MUG"), -1, "broken", 9, 9));

        assertThat(find("MUG"))
                .extracting(SkuView::onHand, SkuView::reserved, SkuView::available, SkuView::lowStock)
                .containsExactly(9, 0, 9, false);
    }

    @Test
    void flagsLowStockOnceAvailableFallsToTheThreshold() {
        register("MUG", 1200, 3);
        receive("MUG", 5, 5, 5);
        assertThat(find("MUG").lowStock()).isFalse();

        publish("MUG", new StockReservedEvent(new SkuCode("MUG"), ORDER, 2, 3, AT));
        publish("MUG", new LowStockReachedEvent(new SkuCode("MUG"), 3, 3));

        assertThat(find("MUG").lowStock()).isTrue();

        publish("MUG", new SkuDetailsUpdatedEvent(new SkuCode("MUG"), "Blue mug", 1, Map.of(), null));
        assertThat(find("MUG"))
                .extracting(SkuView::name, SkuView::lowStockThreshold, SkuView::lowStock, SkuView::attributes)
                .containsExactly("Blue mug", 1, false, Map.of());
    }

    @Test
    void listsActiveLowStockSkusScarcestFirst() {
        register("A-PLENTY", 100, 2);
        receive("A-PLENTY", 50, 50, 50);
        register("B-LOW", 100, 5);
        receive("B-LOW", 4, 4, 4);
        register("C-EMPTY", 100, 1);
        register("D-GONE", 100, 5);
        publish("D-GONE", new SkuDeactivatedEvent(new SkuCode("D-GONE"), "discontinued"));

        SkuPage page = projection.handle(new ListLowStockSkusQuery(PageRequest.first(10)));

        assertThat(page.items()).extracting(SkuView::sku).containsExactly("C-EMPTY", "B-LOW");
        assertThat(page.total()).isEqualTo(2);
    }

    @Test
    void listsTheCatalogueBySkuCodeInPages() {
        for (String code : List.of("E", "C", "A", "D", "B")) {
            register(code, 100, 0);
        }
        publish("B", new SkuDeactivatedEvent(new SkuCode("B"), "discontinued"));

        SkuPage all = projection.handle(new ListSkusQuery(false, new PageRequest(1, 2)));
        SkuPage active = projection.handle(new ListSkusQuery(true, new PageRequest(0, 10)));

        assertThat(all.items()).extracting(SkuView::sku).containsExactly("C", "D");
        assertThat(all).extracting(SkuPage::page, SkuPage::size, SkuPage::total).containsExactly(1, 2, 5L);
        assertThat(active.items()).extracting(SkuView::sku).containsExactly("A", "C", "D", "E");

        publish("B", new SkuReactivatedEvent(new SkuCode("B")));
        assertThat(projection
                        .handle(new ListSkusQuery(true, new PageRequest(0, 10)))
                        .total())
                .isEqualTo(5);
    }

    @Test
    void followsPriceChanges() {
        register("MUG", 1200, 0);
        publish("MUG", new SkuPriceChangedEvent(new SkuCode("MUG"), Money.of(1200, "EUR"), Money.of(1350, "EUR")));

        assertThat(find("MUG").priceMinor()).isEqualTo(1350);
    }

    @Test
    void ignoresEventsDeliveredAgainAndRebuildsTheSameOnReplay() {
        register("MUG", 1200, 2);
        receive("MUG", 10, 10, 10);
        DomainEventMessage<?> reservation = publish("MUG", new StockReservedEvent(new SkuCode("MUG"), ORDER, 3, 7, AT));
        publish("MUG", new StockReleasedEvent(new SkuCode("MUG"), ORDER, 3, "expired", 10));
        register("CAP", 900, 2);
        List<Document> live = allSkus();

        feed.redeliver(reservation);
        assertThat(find("MUG").available()).isEqualTo(10);
        feed.redeliverAll();
        assertThat(allSkus()).isEqualTo(live);

        feed.replay();
        assertThat(allSkus()).isEqualTo(live);
    }

    @Test
    void answersNullForAnUnknownSku() {
        assertThat(find("NOPE")).isNull();
    }

    @Test
    void serializesCatalogueItemsWithTheFieldsTheCheckoutUiReads() throws Exception {
        register("MUG", 1200, 2);
        receive("MUG", 10, 10, 10);

        JsonNode page = JsonMapper.builder()
                .build()
                .valueToTree(projection.handle(new ListSkusQuery(true, PageRequest.first(20))));

        assertThat(page.fieldNames()).toIterable().containsExactly("items", "page", "size", "total");
        JsonNode item = page.get("items").get(0);
        assertThat(item.get("sku").asText()).isEqualTo("MUG");
        assertThat(item.get("name").asText()).isEqualTo("Name of MUG");
        assertThat(item.get("priceMinor").asLong()).isEqualTo(1200);
        assertThat(item.get("currency").asText()).isEqualTo("EUR");
        assertThat(item.get("available").asInt()).isEqualTo(10);
    }

    private List<Document> allSkus() {
        return database.getCollection("sku_stock")
                .find()
                .sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }
}
