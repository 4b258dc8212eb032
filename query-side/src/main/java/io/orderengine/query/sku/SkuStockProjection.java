package io.orderengine.query.sku;

import static io.orderengine.query.common.MongoValues.intValue;
import static io.orderengine.query.common.MongoValues.longValue;
import static io.orderengine.query.common.MongoValues.toDate;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.query.FindSkuQuery;
import io.orderengine.messages.query.ListLowStockSkusQuery;
import io.orderengine.messages.query.ListSkusQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.messages.sku.LowStockReachedEvent;
import io.orderengine.messages.sku.OrderStockAdjustedEvent;
import io.orderengine.messages.sku.ReturnedUnitsRestockedEvent;
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
import io.orderengine.query.common.MongoValues;
import io.orderengine.query.common.VersionedDocuments;
import io.orderengine.query.projection.ProjectionCollections;
import io.orderengine.query.projection.ProjectionTarget;
import io.orderengine.query.projection.RebuildableProjection;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The SKU stock read model ({@code sku_stock}, one document per SKU, {@code _id} = SKU code): catalogue data,
 * on hand, reserved and available stock, and whether stock is low. Each document records the sequence number of
 * the last event applied, so re-delivered events and replays change nothing. Changes are pushed to subscription
 * queries on {@link FindSkuQuery}.
 */
@Component
@ProcessingGroup(SkuStockProjection.PROCESSING_GROUP)
public class SkuStockProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "sku-stock";
    static final String COLLECTION = "sku_stock";

    private static final String NAME = "name";
    private static final String PRICE_MINOR = "priceMinor";
    private static final String CURRENCY = "currency";
    private static final String ATTRIBUTES = "attributes";
    private static final String IMAGE_URL = "imageUrl";
    private static final String ON_HAND = "onHand";
    private static final String RESERVED = "reserved";
    private static final String AVAILABLE = "available";
    private static final String LOW_STOCK_THRESHOLD = "lowStockThreshold";
    private static final String LOW_STOCK = "lowStock";
    private static final String ACTIVE = "active";
    private static final String UPDATED_AT = "updatedAt";

    private final ProjectionTarget target;
    private final VersionedDocuments skus;
    private final QueryUpdateEmitter updateEmitter;

    @Autowired
    public SkuStockProjection(ProjectionCollections collections, QueryUpdateEmitter updateEmitter) {
        this(collections.live(PROCESSING_GROUP), updateEmitter);
    }

    SkuStockProjection(ProjectionTarget target, QueryUpdateEmitter updateEmitter) {
        this.target = target;
        this.skus = new VersionedDocuments(() -> target.collection(COLLECTION));
        this.updateEmitter = updateEmitter;
    }

    /** Declares the indexes of the serving collection (idempotent). */
    @PostConstruct
    public void createIndexes() {
        createIndexes(target);
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** The indexes behind the catalogue (active only, by code) and the low-stock list. */
    @Override
    public void createIndexes(ProjectionTarget target) {
        MongoCollection<Document> collection = target.collection(COLLECTION);
        collection.createIndex(Indexes.compoundIndex(Indexes.ascending(ACTIVE), Indexes.ascending("_id")));
        collection.createIndex(Indexes.compoundIndex(
                Indexes.ascending(LOW_STOCK),
                Indexes.ascending(ACTIVE),
                Indexes.ascending(AVAILABLE),
                Indexes.ascending("_id")));
    }

    @Override
    public Object handlerFor(ProjectionTarget target) {
        return new SkuStockProjection(target, SimpleQueryUpdateEmitter.builder().build());
    }

    @EventHandler
    void on(SkuRegisteredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Document sku = new Document(NAME, event.name())
                .append(PRICE_MINOR, event.price().amountMinor())
                .append(CURRENCY, event.price().currency())
                .append(ATTRIBUTES, attributes(event.attributes()))
                .append(IMAGE_URL, event.imageUrl())
                .append(ON_HAND, 0)
                .append(RESERVED, 0)
                .append(AVAILABLE, 0)
                .append(LOW_STOCK_THRESHOLD, event.lowStockThreshold())
                .append(ACTIVE, true)
                .append(UPDATED_AT, toDate(at));
        refreshDerived(sku);
        publish(skus.create(event.sku().value(), sequence, sku));
    }

    @EventHandler
    void on(SkuDetailsUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> {
            sku.put(NAME, event.name());
            sku.put(LOW_STOCK_THRESHOLD, event.lowStockThreshold());
            sku.put(ATTRIBUTES, attributes(event.attributes()));
            sku.put(IMAGE_URL, event.imageUrl());
        });
    }

    @EventHandler
    void on(SkuPriceChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> {
            sku.put(PRICE_MINOR, event.newPrice().amountMinor());
            sku.put(CURRENCY, event.newPrice().currency());
        });
    }

    @EventHandler
    void on(SkuDeactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> sku.put(ACTIVE, false));
    }

    @EventHandler
    void on(SkuReactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> sku.put(ACTIVE, true));
    }

    @EventHandler
    void on(StockReceivedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> stock(sku, event.onHand(), event.available()));
    }

    @EventHandler
    void on(StockAdjustedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> stock(sku, event.onHand(), event.available()));
    }

    @EventHandler
    void on(StockReservedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> stock(sku, intValue(sku, ON_HAND), event.available()));
    }

    @EventHandler
    void on(StockReleasedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> stock(sku, intValue(sku, ON_HAND), event.available()));
    }

    @EventHandler
    void on(StockCommittedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> stock(sku, event.onHand(), event.available()));
    }

    @EventHandler
    void on(StockRestockedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> stock(sku, event.onHand(), event.available()));
    }

    @EventHandler
    void on(OrderStockAdjustedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> stock(sku, event.onHand(), event.available()));
    }

    @EventHandler
    void on(ReturnedUnitsRestockedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> stock(sku, event.onHand(), event.available()));
    }

    @EventHandler
    void on(LowStockReachedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update(event.sku(), sequence, at, sku -> stock(sku, intValue(sku, ON_HAND), event.available()));
    }

    /** Before a replay: the read model is rebuilt from the first event. */
    @ResetHandler
    public void reset() {
        skus.collection().deleteMany(new Document());
    }

    /** The SKU's stock view, or null when no such SKU is registered. */
    @QueryHandler
    public SkuView handle(FindSkuQuery query) {
        Document document = skus.find(query.sku().value());
        return document == null ? null : toView(document);
    }

    /** The catalogue ordered by SKU code. */
    @QueryHandler
    public SkuPage handle(ListSkusQuery query) {
        Bson filter = query.activeOnly() ? Filters.eq(ACTIVE, true) : new Document();
        return page(filter, Sorts.ascending("_id"), query.page());
    }

    /** Active SKUs at or below their low-stock threshold, fewest available first. */
    @QueryHandler
    public SkuPage handle(ListLowStockSkusQuery query) {
        Bson filter = Filters.and(Filters.eq(LOW_STOCK, true), Filters.eq(ACTIVE, true));
        return page(filter, Sorts.ascending(AVAILABLE, "_id"), query.page());
    }

    private SkuPage page(Bson filter, Bson sort, PageRequest page) {
        List<SkuView> items = skus.collection()
                .find(filter)
                .sort(sort)
                .skip((int) page.offset())
                .limit(page.size())
                .map(SkuStockProjection::toView)
                .into(new ArrayList<>());
        return SkuPage.of(items, page, skus.collection().countDocuments(filter));
    }

    private void update(SkuCode code, long sequence, Instant at, Consumer<Document> change) {
        publish(skus.update(code.value(), sequence, sku -> {
            change.accept(sku);
            sku.put(UPDATED_AT, toDate(at));
            refreshDerived(sku);
        }));
    }

    private static void stock(Document sku, int onHand, int available) {
        sku.put(ON_HAND, onHand);
        sku.put(AVAILABLE, available);
    }

    private static void refreshDerived(Document sku) {
        int available = intValue(sku, AVAILABLE);
        sku.put(RESERVED, intValue(sku, ON_HAND) - available);
        sku.put(LOW_STOCK, available <= intValue(sku, LOW_STOCK_THRESHOLD));
    }

    private static Document attributes(Map<String, String> attributes) {
        Document document = new Document();
        if (attributes != null) {
            new TreeMap<>(attributes).forEach(document::append);
        }
        return document;
    }

    private void publish(Document changed) {
        if (changed != null) {
            String code = changed.getString("_id");
            updateEmitter.emit(FindSkuQuery.class, query -> query.sku().value().equals(code), toView(changed));
        }
    }

    private static SkuView toView(Document document) {
        return new SkuView(
                document.getString("_id"),
                document.getString(NAME),
                longValue(document, PRICE_MINOR),
                document.getString(CURRENCY),
                MongoValues.stringMap(document, ATTRIBUTES),
                document.getString(IMAGE_URL),
                intValue(document, ON_HAND),
                intValue(document, RESERVED),
                intValue(document, AVAILABLE),
                intValue(document, LOW_STOCK_THRESHOLD),
                Boolean.TRUE.equals(document.getBoolean(LOW_STOCK)),
                Boolean.TRUE.equals(document.getBoolean(ACTIVE)));
    }
}
