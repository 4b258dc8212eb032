package io.orderengine.query.order;

import static io.orderengine.query.common.MongoValues.toDate;
import static io.orderengine.query.order.OrderDocuments.*;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.orderengine.messages.query.AdminOrderSearchQuery;
import io.orderengine.messages.query.AdminOrderSearchWithArchiveQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.query.projection.ProjectionCollections;
import io.orderengine.query.projection.ProjectionTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The admin's order list: filters on status, payment status and placement time, a case-insensitive substring
 * search over order number, customer name and e-mail, four sort orders, pages with the total count. Served from
 * the order detail read model ({@code order_details}); with {@link AdminOrderSearchWithArchiveQuery} from it and
 * its archive together.
 * <p>
 * The default list (no filter, newest first) is served from the newest {@value OrderListIndex#LATEST_SIZE} hot
 * orders kept by {@link OrderListIndex} (one {@code _id} read, then the page's rows by {@code _id $in}); its total
 * is the hot collection's document count from metadata ({@code count} without a filter), or the number of kept
 * orders while they are all of them. Every other list (a filter, another sort, the archive, a page beyond the kept
 * orders) is a query on {@code order_details} with the indexes declared in {@code OrderDocuments}: a bounded
 * index walk, on MongoDB and on the embedded store alike (a text search is a residual filter: it walks the index of
 * the other conditions, or of the sort order, until the page is full).
 */
@Component
public class AdminOrderList {

    private final ProjectionTarget orders;
    private final OrderListIndex lists;

    public AdminOrderList(ProjectionCollections collections) {
        this.orders = collections.live(OrderDetailProjection.PROCESSING_GROUP);
        this.lists = new OrderListIndex(orders);
    }

    @QueryHandler
    public OrderSummaryPage handle(AdminOrderSearchQuery query) {
        if (unfilteredNewestFirst(query)) {
            OrderListIndex.Latest latest = lists.latest();
            PageRequest page = query.page();
            if (latest != null
                    && (latest.all()
                            || page.offset() + page.size() <= latest.orderIds().size())) {
                List<String> ids = latest.orderIds().stream()
                        .skip(page.offset())
                        .limit(page.size())
                        .toList();
                long total = latest.all()
                        ? latest.orderIds().size()
                        : orders.collection(COLLECTION).estimatedDocumentCount();
                return OrderSummaryPage.of(OrderLists.rows(ids, orders.collection(COLLECTION)), page, total);
            }
        }
        return OrderLists.page(orders.collection(COLLECTION), filter(query), sort(query.sort()), query.page());
    }

    private static boolean unfilteredNewestFirst(AdminOrderSearchQuery query) {
        return query.status() == null
                && query.paymentStatus() == null
                && query.placedFrom() == null
                && query.placedTo() == null
                && query.text() == null
                && query.sort() == AdminOrderSearchQuery.Sort.PLACED_AT_DESC;
    }

    @QueryHandler
    public OrderSummaryPage handle(AdminOrderSearchWithArchiveQuery query) {
        AdminOrderSearchQuery search = query.search();
        return OrderLists.merged(
                orders.collection(COLLECTION),
                orders.collection(ARCHIVE_COLLECTION),
                filter(search),
                sort(search.sort()),
                order(search.sort()),
                search.page());
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
            conditions.add(Filters.or(
                    Filters.regex(ORDER_NUMBER, text),
                    Filters.regex(CUSTOMER_NAME, text),
                    Filters.regex(BILLING_NAME, text),
                    Filters.regex(CUSTOMER_EMAIL, text)));
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

    private static Comparator<Document> order(AdminOrderSearchQuery.Sort sort) {
        return switch (sort) {
            case PLACED_AT_DESC -> OrderLists.placedAtDescending();
            case PLACED_AT_ASC -> OrderLists.placedAtAscending();
            case TOTAL_DESC -> OrderLists.totalDescending();
            case TOTAL_ASC -> OrderLists.totalAscending();
        };
    }
}
