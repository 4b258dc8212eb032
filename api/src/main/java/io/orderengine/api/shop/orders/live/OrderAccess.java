package io.orderengine.api.shop.orders.live;

import static io.orderengine.api.idempotency.ClientIdempotency.sha256;

import io.orderengine.api.security.Caller;
import io.orderengine.api.web.OrderIds;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.query.FindGuestOrderQuery;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.messages.query.VerifyGuestTokenQuery;
import io.orderengine.outbound.mail.GuestLinks;
import io.orderengine.query.order.OrderView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Who may read an order: the signed-in customer whose order it is, a guest presenting the order's view token (or a
 * signed guest link from an e-mail, {@link GuestLinks}), or an admin. Anyone else, and any id that is malformed or unknown, gets 404, so order ids cannot be probed. Owners and
 * guests see the customer view (no admin notes); admins see everything. The rule of {@code GET /api/v1/orders/{id}}
 * and of its event stream.
 */
@Component
public class OrderAccess {

    private final QueryGateway queries;
    private final GuestLinks guestLinks;

    public OrderAccess(QueryGateway queries, GuestLinks guestLinks) {
        this.queries = queries;
        this.guestLinks = guestLinks;
    }

    /** The order as {@code caller} may see it; 404 otherwise. {@code token} is a guest's view token, or null. */
    public OrderView readable(String id, String token, Caller caller) {
        OrderId orderId = orderId(id);
        if (!caller.signedIn() && token != null && !token.isBlank() && !GuestLinks.looksLikeLink(token)) {
            // a guest with the checkout's view token, the page's frequent case: the order and its check in one read
            OrderView view = queries.query(
                            new FindGuestOrderQuery(orderId, sha256(token)), ResponseTypes.instanceOf(OrderView.class))
                    .join();
            if (view == null) {
                throw OrderIds.notFound();
            }
            return view.forCustomer();
        }
        OrderView view = queries.query(new FindOrderQuery(orderId), ResponseTypes.instanceOf(OrderView.class))
                .join();
        return visible(view, token, caller);
    }

    /** {@code view} (null when the order is unknown) as {@code caller} may see it; 404 when they may not. */
    public OrderView visible(OrderView view, String token, Caller caller) {
        if (view == null) {
            throw OrderIds.notFound();
        }
        if (caller.admin()) {
            return view;
        }
        boolean owner =
                caller.signedIn() && caller.subject().equals(view.customer().customerId());
        if (!owner && !guestTokenMatches(view, token)) {
            // the same answer as for an order that does not exist: nothing in it may tell the two apart
            throw OrderIds.notFound();
        }
        return view.forCustomer();
    }

    /** The order id, or 404 for something that cannot be one. */
    public static OrderId orderId(String id) {
        return OrderIds.fromPath(id);
    }

    /** The checkout's view token (its hash is stored with the order) or a signed guest link from an e-mail. */
    private boolean guestTokenMatches(OrderView view, String token) {
        String orderId = view.orderId();
        if (GuestLinks.looksLikeLink(token)) {
            return view.customer().guest() && guestLinks.opens(orderId, token);
        }
        return token != null
                && !token.isBlank()
                && Boolean.TRUE.equals(queries.query(
                                new VerifyGuestTokenQuery(new OrderId(orderId), sha256(token)),
                                ResponseTypes.instanceOf(Boolean.class))
                        .join());
    }
}
