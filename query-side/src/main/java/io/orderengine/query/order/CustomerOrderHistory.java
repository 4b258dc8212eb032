package io.orderengine.query.order;

import static io.orderengine.query.order.OrderDocuments.*;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.orderengine.messages.query.FindCustomerOrdersQuery;
import io.orderengine.messages.query.FindCustomerOrdersWithArchiveQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.query.projection.ProjectionCollections;
import io.orderengine.query.projection.ProjectionTarget;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * A signed-in customer's order history: their orders, newest first, optionally of one status, paged. Served from
 * the order detail read model ({@code order_details}), so it is exactly as fresh as the order detail; with
 * {@link FindCustomerOrdersWithArchiveQuery} from it and its archive together.
 * <p>
 * The customer's order ids, placement times and statuses come from the order lists ({@link OrderListIndex}: one
 * {@code _id} read for the customer's months, one {@code _id $in} read for those months' entries), the rows from
 * {@code order_details} by {@code _id $in}: the cost grows with the customer's own orders, never with the shop's.
 * Until the lists cover every order (a store written before they existed, not yet rebuilt) the history is a
 * query on {@code order_details} with the indexes declared in {@code OrderDocuments}.
 */
@Component
public class CustomerOrderHistory {

    static final PageRequest DEFAULT_PAGE = PageRequest.first(20);

    private static final Bson NEWEST_FIRST = Sorts.descending(PLACED_AT, "_id");

    private final ProjectionTarget orders;
    private final OrderListIndex lists;

    public CustomerOrderHistory(ProjectionCollections collections) {
        this.orders = collections.live(OrderDetailProjection.PROCESSING_GROUP);
        this.lists = new OrderListIndex(orders);
    }

    @QueryHandler
    public OrderSummaryPage handle(FindCustomerOrdersQuery query) {
        PageRequest page = query.page() == null ? DEFAULT_PAGE : query.page();
        if (query.customerId() == null) {
            return OrderSummaryPage.of(List.of(), page, 0);
        }
        List<OrderListIndex.Entry> entries = lists.customerEntries(query.customerId());
        if (entries == null) {
            return OrderLists.page(orders.collection(COLLECTION), filter(query), NEWEST_FIRST, page);
        }
        return fromIndex(entries, query, true, page);
    }

    @QueryHandler
    public OrderSummaryPage handle(FindCustomerOrdersWithArchiveQuery query) {
        FindCustomerOrdersQuery history = query.history();
        PageRequest page = history.page() == null ? DEFAULT_PAGE : history.page();
        if (history.customerId() == null) {
            return OrderSummaryPage.of(List.of(), page, 0);
        }
        List<OrderListIndex.Entry> entries = lists.customerEntries(history.customerId());
        if (entries == null) {
            return OrderLists.merged(
                    orders.collection(COLLECTION),
                    orders.collection(ARCHIVE_COLLECTION),
                    filter(history),
                    NEWEST_FIRST,
                    OrderLists.placedAtDescending(),
                    page);
        }
        return fromIndex(entries, history, false, page);
    }

    /** A page from the customer's entries (newest first), rows read by {@code _id}. */
    private OrderSummaryPage fromIndex(
            List<OrderListIndex.Entry> entries, FindCustomerOrdersQuery query, boolean hotOnly, PageRequest page) {
        String status = query.status() == null ? null : query.status().name();
        List<String> matching = entries.stream()
                .filter(entry -> !hotOnly || entry.hot())
                .filter(entry -> status == null || status.equals(entry.status()))
                .map(OrderListIndex.Entry::orderId)
                .toList();
        List<String> ids =
                matching.stream().skip(page.offset()).limit(page.size()).toList();
        List<OrderSummaryView> items = hotOnly
                ? OrderLists.rows(ids, orders.collection(COLLECTION))
                : OrderLists.rows(ids, orders.collection(COLLECTION), orders.collection(ARCHIVE_COLLECTION));
        return OrderSummaryPage.of(items, page, matching.size());
    }

    private static Bson filter(FindCustomerOrdersQuery query) {
        return query.status() == null
                ? Filters.eq(CUSTOMER_ID, query.customerId())
                : Filters.and(
                        Filters.eq(CUSTOMER_ID, query.customerId()),
                        Filters.eq(STATUS, query.status().name()));
    }
}
