package io.orderengine.query.order;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.orderengine.messages.query.FindCustomerOrdersQuery;
import io.orderengine.messages.query.PageRequest;
import jakarta.annotation.PostConstruct;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

import static io.orderengine.query.order.OrderDocuments.*;

/**
 * A signed-in customer's order history: their orders, newest first, optionally of one status, paged. Served from
 * the order detail read model ({@code order_details}), so it is exactly as fresh as the order detail.
 */
@Component
public class CustomerOrderHistory {

    static final PageRequest DEFAULT_PAGE = PageRequest.first(20);

    private final MongoCollection<Document> orders;

    public CustomerOrderHistory(MongoDatabase database) {
        this.orders = database.getCollection(COLLECTION);
    }

    /** Declares the compound indexes behind the history (with and without the status filter). */
    @PostConstruct
    public void createIndexes() {
        orders.createIndex(Indexes.compoundIndex(Indexes.ascending(CUSTOMER_ID),
                Indexes.descending(PLACED_AT), Indexes.descending("_id")));
        orders.createIndex(Indexes.compoundIndex(Indexes.ascending(CUSTOMER_ID), Indexes.ascending(STATUS),
                Indexes.descending(PLACED_AT), Indexes.descending("_id")));
    }

    @QueryHandler
    public OrderSummaryPage handle(FindCustomerOrdersQuery query) {
        PageRequest page = query.page() == null ? DEFAULT_PAGE : query.page();
        if (query.customerId() == null) {
            return OrderSummaryPage.of(List.of(), page, 0);
        }
        Bson filter = query.status() == null
                ? Filters.eq(CUSTOMER_ID, query.customerId())
                : Filters.and(Filters.eq(CUSTOMER_ID, query.customerId()), Filters.eq(STATUS, query.status().name()));
        List<OrderSummaryView> items = orders.find(filter)
                .projection(Projections.include(SUMMARY_FIELDS))
                .sort(Sorts.descending(PLACED_AT, "_id"))
                .skip((int) page.offset())
                .limit(page.size())
                .map(OrderDocuments::toSummary)
                .into(new ArrayList<>());
        return OrderSummaryPage.of(items, page, orders.countDocuments(filter));
    }
}
