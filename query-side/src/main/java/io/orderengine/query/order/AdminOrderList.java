package io.orderengine.query.order;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.orderengine.messages.query.AdminOrderSearchQuery;
import jakarta.annotation.PostConstruct;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.orderengine.query.common.MongoValues.toDate;
import static io.orderengine.query.order.OrderDocuments.*;

/**
 * The admin's order list: filters on status, payment status and placement time, a case-insensitive substring
 * search over order number, customer name and e-mail, four sort orders, pages with the total count. Served from
 * the order detail read model ({@code order_details}).
 */
@Component
public class AdminOrderList {

    private final MongoCollection<Document> orders;

    public AdminOrderList(MongoDatabase database) {
        this.orders = database.getCollection(COLLECTION);
    }

    /**
     * Declares indexes for each filter combined with the default sort, and for the sorts on their own. A substring
     * search cannot use an index; it runs over what the other filters leave.
     */
    @PostConstruct
    public void createIndexes() {
        orders.createIndex(Indexes.compoundIndex(Indexes.descending(PLACED_AT), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(Indexes.descending(TOTAL_MINOR), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(Indexes.ascending(STATUS), Indexes.descending(PLACED_AT),
                Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(Indexes.ascending(PAYMENT_STATUS), Indexes.descending(PLACED_AT),
                Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(Indexes.ascending(STATUS), Indexes.ascending(PAYMENT_STATUS),
                Indexes.descending(PLACED_AT), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(Indexes.ascending(STATUS), Indexes.descending(TOTAL_MINOR),
                Indexes.descending("_id")));
        orders.createIndex(Indexes.ascending(CUSTOMER_EMAIL));
    }

    @QueryHandler
    public OrderSummaryPage handle(AdminOrderSearchQuery query) {
        Bson filter = filter(query);
        List<OrderSummaryView> items = orders.find(filter)
                .projection(Projections.include(SUMMARY_FIELDS))
                .sort(sort(query.sort()))
                .skip((int) query.page().offset())
                .limit(query.page().size())
                .map(OrderDocuments::toSummary)
                .into(new ArrayList<>());
        return OrderSummaryPage.of(items, query.page(), orders.countDocuments(filter));
    }

    private static Bson filter(AdminOrderSearchQuery query) {
        List<Bson> conditions = new ArrayList<>();
        if (query.status() != null) {
            conditions.add(Filters.eq(STATUS, query.status().name()));
        }
        if (query.paymentStatus() != null) {
            conditions.add(Filters.eq(PAYMENT_STATUS, query.paymentStatus().name()));
        }
        if (query.placedFrom() != null) {
            conditions.add(Filters.gte(PLACED_AT, toDate(query.placedFrom())));
        }
        if (query.placedTo() != null) {
            conditions.add(Filters.lt(PLACED_AT, toDate(query.placedTo())));
        }
        if (query.text() != null) {
            // Quoted: the admin's text is matched literally, never interpreted as a pattern.
            Pattern text = Pattern.compile(Pattern.quote(query.text()), Pattern.CASE_INSENSITIVE);
            conditions.add(Filters.or(Filters.regex(ORDER_NUMBER, text), Filters.regex(CUSTOMER_NAME, text),
                    Filters.regex(BILLING_NAME, text), Filters.regex(CUSTOMER_EMAIL, text)));
        }
        return conditions.isEmpty() ? new Document() : Filters.and(conditions);
    }

    private static Bson sort(AdminOrderSearchQuery.Sort sort) {
        return switch (sort) {
            case PLACED_AT_DESC -> Sorts.descending(PLACED_AT, "_id");
            case PLACED_AT_ASC -> Sorts.ascending(PLACED_AT, "_id");
            case TOTAL_DESC -> Sorts.descending(TOTAL_MINOR, "_id");
            case TOTAL_ASC -> Sorts.ascending(TOTAL_MINOR, "_id");
        };
    }
}
