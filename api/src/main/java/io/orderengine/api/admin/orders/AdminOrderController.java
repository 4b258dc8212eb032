package io.orderengine.api.admin.orders;

import io.orderengine.api.admin.audit.OrderEventLog;
import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.OrderIds;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.query.AdminOrderSearchQuery;
import io.orderengine.messages.query.AdminOrderSearchWithArchiveQuery;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.order.OrderDetailReplay;
import io.orderengine.query.order.OrderSummaryPage;
import io.orderengine.query.order.OrderView;
import java.time.Instant;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin's order list and order detail (admins only, as everything under {@code /api/v1/admin}).
 * <ul>
 * <li>{@code GET /api/v1/admin/orders?status&paymentStatus&from&to&q&sort&page&size&includeArchived} →
 *     {@code {"items":[{"orderId","orderNumber","status","paymentStatus","customerId","customerEmail","customerName",
 *     "itemCount","totalMinor","currency","placedAt","updatedAt"}],"page","size","total"}} (parameters: see
 *     {@link AdminOrderSearchParameters}; {@code includeArchived=true} also searches archived orders).</li>
 * <li>{@code GET /api/v1/admin/orders/{id}} → the order detail with admin notes (archived orders too);
 *     {@code ?asOf=<instant or date>} → the order as it was then, rebuilt from its events up to that moment
 *     (a date means the end of that UTC day); 404 when the order did not exist yet.</li>
 * </ul>
 */
@RestController
class AdminOrderController {

    private final QueryGateway queries;
    private final OrderEventLog events;

    AdminOrderController(QueryGateway queries, OrderEventLog events) {
        this.queries = queries;
        this.events = events;
    }

    @GetMapping("/api/v1/admin/orders")
    OrderSummaryPage search(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String paymentStatus,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size,
            @RequestParam(required = false) String includeArchived) {
        AdminOrderSearchQuery query =
                AdminOrderSearchParameters.query(status, paymentStatus, from, to, q, sort, page, size);
        if (AdminOrderSearchParameters.flag("includeArchived", includeArchived)) {
            return queries.query(new AdminOrderSearchWithArchiveQuery(query), OrderSummaryPage.class)
                    .join();
        }
        return queries.query(query, OrderSummaryPage.class).join();
    }

    @GetMapping("/api/v1/admin/orders/{id}")
    OrderView order(@PathVariable String id, @RequestParam(required = false) String asOf) {
        OrderId orderId = OrderIds.fromPath(id);
        Instant moment = AdminOrderSearchParameters.instant("asOf", asOf, true);
        OrderView view = moment == null
                ? queries.query(new FindOrderQuery(orderId), OrderView.class).join()
                : OrderDetailReplay.rebuild(events.events(orderId).stream()
                                .filter(event -> !event.getTimestamp().isAfter(moment))
                                .toList())
                        .orElse(null);
        if (view == null) {
            throw ApiException.notFound("Order " + id);
        }
        return view;
    }
}
