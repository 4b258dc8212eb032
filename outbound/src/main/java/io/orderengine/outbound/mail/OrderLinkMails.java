package io.orderengine.outbound.mail;

import io.orderengine.outbound.facts.OrderFacts;
import io.orderengine.outbound.facts.OrderFactsStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * "E-mail me the link": one e-mail to an address listing its recent guest orders, each with a fresh signed link
 * ({@link GuestLinks}). Asked for by the API, which answers the same whether or not the address has orders: the
 * look-up and the sending happen here, on a thread of their own, so neither the answer nor its timing tells them apart.
 * An address without guest orders gets nothing. Requests beyond a small queue are dropped (the API rate-limits them
 * first). Not an event consumer, so there is nothing to replay; a failed send is logged and not retried (the guest can
 * ask again).
 */
@Component
public class OrderLinkMails implements DisposableBean {

    /** Orders listed in one e-mail, newest first. */
    static final int MAX_ORDERS = 10;

    private static final Logger log = LoggerFactory.getLogger(OrderLinkMails.class);

    private final OrderFactsStore orders;
    private final MailTemplates templates;
    private final EmailSender sender;
    private final GuestLinks links;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(100),
            new CustomizableThreadFactory("order-link-mail-"),
            new ThreadPoolExecutor.AbortPolicy());

    public OrderLinkMails(OrderFactsStore orders, MailTemplates templates, EmailSender sender, GuestLinks links) {
        this.orders = orders;
        this.templates = templates;
        this.sender = sender;
        this.links = links;
    }

    /** Queues the e-mail of {@code email}'s guest orders; returns at once and never says whether there are any. */
    public void request(String email) {
        try {
            worker.execute(() -> send(email));
        } catch (RejectedExecutionException e) {
            log.warn("Order link e-mail request dropped: too many waiting");
        }
    }

    /** Sends the e-mail now; false when there was nothing to send (no guest orders, or no SMTP server). */
    boolean send(String email) {
        try {
            List<OrderFacts> found = orders.recentGuestOrders(email, MAX_ORDERS);
            if (found.isEmpty()) {
                return false;
            }
            if (!sender.configured()) {
                log.info("No SMTP server configured (spring.mail.host): order link e-mail not sent");
                return false;
            }
            Map<String, String> byOrder = new LinkedHashMap<>();
            for (OrderFacts order : found) {
                byOrder.put(order.orderId(), templates.guestLink(order, links.sign(order.orderId())));
            }
            // the address as the orders were placed with it, not as typed into the request
            String to = found.get(0).email();
            sender.send(templates.renderLinks(to, found, byOrder, templates.date(links.expiry())));
            log.info("Order link e-mail sent for {} order(s)", found.size());
            return true;
        } catch (RuntimeException e) {
            log.warn("Order link e-mail not sent: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
