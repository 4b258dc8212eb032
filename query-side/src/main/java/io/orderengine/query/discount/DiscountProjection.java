package io.orderengine.query.discount;

import static io.orderengine.query.common.MongoValues.toDate;
import static io.orderengine.query.common.MongoValues.toInstant;

import com.mongodb.client.model.Sorts;
import io.orderengine.messages.discount.DiscountChangedEvent;
import io.orderengine.messages.discount.DiscountCreatedEvent;
import io.orderengine.messages.discount.DiscountId;
import io.orderengine.messages.discount.DiscountTerms;
import io.orderengine.messages.discount.DiscountUseConfirmedEvent;
import io.orderengine.messages.discount.DiscountUseReleasedEvent;
import io.orderengine.messages.discount.DiscountUseReservedEvent;
import io.orderengine.messages.discount.FindDiscountQuery;
import io.orderengine.messages.discount.ListDiscountsQuery;
import io.orderengine.query.common.MongoValues;
import io.orderengine.query.common.VersionedDocuments;
import io.orderengine.query.projection.ProjectionCollections;
import io.orderengine.query.projection.ProjectionTarget;
import io.orderengine.query.projection.RebuildableProjection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The admin's discount codes ({@code discounts}, one document per code, {@code _id} = the code's id): terms and use
 * counts. The counts are the aggregate's own after each event (set, never incremented), and every change is guarded
 * by the event's sequence number, so re-delivery and replay leave the document as it was.
 */
@Component
@ProcessingGroup(DiscountProjection.PROCESSING_GROUP)
public class DiscountProjection implements RebuildableProjection {

    public static final String PROCESSING_GROUP = "discounts";
    static final String COLLECTION = "discounts";

    private static final String CODE = "code";
    private static final String TYPE = "type";
    private static final String VALUE = "value";
    private static final String CURRENCY = "currency";
    private static final String VALID_FROM = "validFrom";
    private static final String VALID_UNTIL = "validUntil";
    private static final String MAX_USES = "maxUses";
    private static final String MAX_USES_PER_CUSTOMER = "maxUsesPerCustomer";
    private static final String MINIMUM = "minimumSubtotalMinor";
    private static final String ACTIVE = "active";
    private static final String RESERVED = "usesReserved";
    private static final String CONFIRMED = "usesConfirmed";
    private static final String UPDATED_AT = "updatedAt";

    private final VersionedDocuments discounts;

    @Autowired
    public DiscountProjection(ProjectionCollections collections) {
        this(collections.live(PROCESSING_GROUP));
    }

    DiscountProjection(ProjectionTarget target) {
        this.discounts = new VersionedDocuments(() -> target.collection(COLLECTION));
    }

    @Override
    public String processingGroup() {
        return PROCESSING_GROUP;
    }

    @Override
    public List<String> collections() {
        return List.of(COLLECTION);
    }

    /** Reads are by {@code _id} or the whole (small) collection: no index beyond {@code _id}. */
    @Override
    public void createIndexes(ProjectionTarget target) {
        // nothing to declare
    }

    @Override
    public Object handlerFor(ProjectionTarget target) {
        return new DiscountProjection(target);
    }

    @EventHandler
    void on(DiscountCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Document discount = new Document(RESERVED, 0).append(CONFIRMED, 0);
        putTerms(discount, event.terms(), at);
        discounts.create(event.id().value(), sequence, discount);
    }

    @EventHandler
    void on(DiscountChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        discounts.update(event.id().value(), sequence, discount -> putTerms(discount, event.terms(), at));
    }

    @EventHandler
    void on(DiscountUseReservedEvent event, @SequenceNumber long sequence) {
        counts(event.id(), sequence, event.reserved(), event.confirmed());
    }

    @EventHandler
    void on(DiscountUseConfirmedEvent event, @SequenceNumber long sequence) {
        counts(event.id(), sequence, event.reserved(), event.confirmed());
    }

    @EventHandler
    void on(DiscountUseReleasedEvent event, @SequenceNumber long sequence) {
        counts(event.id(), sequence, event.reserved(), event.confirmed());
    }

    @QueryHandler
    public DiscountView handle(FindDiscountQuery query) {
        Document document = discounts.find(query.id().value());
        return document == null ? null : toView(document);
    }

    /** Every code in id order. */
    @QueryHandler
    public DiscountPage handle(ListDiscountsQuery query) {
        return new DiscountPage(discounts
                .collection()
                .find()
                .sort(Sorts.ascending("_id"))
                .map(DiscountProjection::toView)
                .into(new ArrayList<>()));
    }

    private void counts(DiscountId id, long sequence, int reserved, int confirmed) {
        discounts.update(id.value(), sequence, discount -> {
            discount.put(RESERVED, reserved);
            discount.put(CONFIRMED, confirmed);
        });
    }

    private static void putTerms(Document discount, DiscountTerms terms, Instant at) {
        discount.put(CODE, terms.code());
        discount.put(TYPE, terms.type().name().toLowerCase(Locale.ROOT));
        discount.put(VALUE, terms.value());
        discount.put(CURRENCY, terms.currency());
        discount.put(VALID_FROM, terms.validFrom() == null ? null : toDate(terms.validFrom()));
        discount.put(VALID_UNTIL, terms.validUntil() == null ? null : toDate(terms.validUntil()));
        discount.put(MAX_USES, terms.maxUses());
        discount.put(MAX_USES_PER_CUSTOMER, terms.maxUsesPerCustomer());
        discount.put(MINIMUM, terms.minimumSubtotalMinor());
        discount.put(ACTIVE, terms.active());
        discount.put(UPDATED_AT, toDate(at));
    }

    private static DiscountView toView(Document d) {
        return new DiscountView(
                d.getString(CODE),
                d.getString(TYPE),
                MongoValues.longValue(d, VALUE),
                d.getString(CURRENCY),
                instant(d, VALID_FROM),
                instant(d, VALID_UNTIL),
                d.getInteger(MAX_USES),
                d.getInteger(MAX_USES_PER_CUSTOMER),
                MongoValues.longValue(d, MINIMUM),
                d.getBoolean(ACTIVE, false),
                MongoValues.intValue(d, RESERVED),
                MongoValues.intValue(d, CONFIRMED),
                instant(d, UPDATED_AT));
    }

    private static Instant instant(Document d, String key) {
        Date date = d.getDate(key);
        return date == null ? null : toInstant(date);
    }
}
