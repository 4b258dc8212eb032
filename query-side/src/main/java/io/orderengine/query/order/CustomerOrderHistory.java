package io.orderengine.query.order;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.orderengine.messages.query.FindCustomerOrdersQuery;
import io.orderengine.messages.query.FindCustomerOrdersWithArchiveQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.query.projection.ProjectionCollections;
import io.orderengine.query.projection.ProjectionTarget;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.List;

import static io.orderengine.query.order.OrderDocuments.*;

/**
 * A signed-in customer's order history: their orders, newest first, optionally of one status, paged. Served from
 * the order detail read model ({@code order_details}), so it is exactly as fresh as the order detail; with
 * {@link FindCustomerOrdersWithArchiveQuery} from it and its archive together. The indexes are declared with the
 * order detail collections ({@code OrderDocuments}).
 */
@Component
public class CustomerOrderHistory {

    static final PageRequest DEFAULT_PAGE = PageRequest.first(20);

    private static final Bson NEWEST_FIRST = Sorts.descending(PLACED_AT, "_id");

    private final ProjectionTarget orders;

    public CustomerOrderHistory(ProjectionCollections collections) {
        this.orders = collections.live(OrderDetailProjection.PROCESSING_GROUP);
    }

    @QueryHandler
    public OrderSummaryPage handle(FindCustomerOrdersQuery query) {
        PageRequest page = query.page() == null ? DEFAULT_PAGE : query.page();
        if (query.customerId() == null) {
            return OrderSummaryPage.of(List.of(), page, 0);
        }
        return OrderLists.page(orders.collection(COLLECTION), filter(query), NEWEST_FIRST, page);
    }

    @QueryHandler
    public OrderSummaryPage handle(FindCustomerOrdersWithArchiveQuery query) {
        FindCustomerOrdersQuery history = query.history();
        PageRequest page = history.page() == null ? DEFAULT_PAGE : history.page();
        if (history.customerId() == null) {
            return OrderSummaryPage.of(List.of(), page, 0);
        }
        return OrderLists.merged(orders.collection(COLLECTION), orders.collection(ARCHIVE_COLLECTION),
                filter(history), NEWEST_FIRST, OrderLists.placedAtDescending(), page);
    }

    private static Bson filter(FindCustomerOrdersQuery query) {
        return query.status() == null
                ? Filters.eq(CUSTOMER_ID, query.customerId())
                : Filters.and(Filters.eq(CUSTOMER_ID, query.customerId()), Filters.eq(STATUS, query.status().name()));
    }
}
