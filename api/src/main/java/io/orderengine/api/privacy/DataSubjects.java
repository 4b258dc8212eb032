package io.orderengine.api.privacy;

import io.orderengine.api.web.ApiException;
import io.orderengine.infrastructure.eventstore.AggregateSnapshots;
import io.orderengine.infrastructure.privacy.PersonalDataCipher;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.privacy.DataSubject;
import io.orderengine.messages.privacy.DataSubjectErasedEvent;
import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.messages.query.AdminOrderSearchQuery;
import io.orderengine.messages.query.AdminOrderSearchWithArchiveQuery;
import io.orderengine.messages.query.FindCustomerOrdersQuery;
import io.orderengine.messages.query.FindCustomerOrdersWithArchiveQuery;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.query.order.OrderSummaryPage;
import io.orderengine.query.order.OrderSummaryView;
import io.orderengine.query.order.OrderView;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Erasure and export of a data subject's personal data. A subject is named in a URL as a customer's JWT subject, or
 * a guest's e-mail ({@link #parse}); its orders are found through the order lists (a customer's history; a guest's
 * orders by e-mail in the admin search, archive included). Erasing publishes {@link DataSubjectErasedEvent} (who,
 * when, why, which orders), then deletes the subject's key: every personal field of the subject then reads as
 * {@link PersonalData#ERASED}, in replays too, and the read models scrub the documents they hold on the event.
 */
@Service
public class DataSubjects {

    private static final int PAGE = PageRequest.MAX_SIZE;
    private static final int MAX_SUBJECT = 320;

    private final QueryGateway queries;
    private final EventGateway events;
    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final AggregateSnapshots snapshots;
    private final Cache orderCache;

    DataSubjects(
            QueryGateway queries,
            EventGateway events,
            PersonalDataCipher cipher,
            Clock clock,
            AggregateSnapshots snapshots,
            @Qualifier("orderCache") Cache orderCache) {
        this.queries = queries;
        this.events = events;
        this.cipher = cipher;
        this.clock = clock;
        this.snapshots = snapshots;
        this.orderCache = orderCache;
    }

    /**
     * The subject a URL names: {@code customer:<sub>} or {@code guest:<e-mail>} explicitly; otherwise an e-mail (it
     * has an {@code @}) is a guest and anything else a customer's subject.
     */
    public static DataSubject parse(String subject) {
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT) {
            throw ApiException.badRequest(
                    "validation",
                    "The data subject must be a customer's subject or a guest's e-mail (1 to " + MAX_SUBJECT
                            + " characters).");
        }
        String lower = subject.toLowerCase(Locale.ROOT);
        if (lower.startsWith("customer:") && subject.length() > "customer:".length()) {
            return DataSubject.customer(subject.substring("customer:".length()));
        }
        if (lower.startsWith("guest:") && subject.length() > "guest:".length()) {
            return DataSubject.guest(subject.substring("guest:".length()));
        }
        return subject.contains("@") ? DataSubject.guest(subject) : DataSubject.customer(subject);
    }

    /** Erases the subject (202 either way); repeating an erasure changes nothing and publishes nothing. */
    public Erasure erase(DataSubject subject, String reason, Actor admin) {
        String keyId = cipher.keyId(subject);
        Optional<Instant> erasedBefore = cipher.keys().erasedAt(keyId);
        if (erasedBefore.isPresent()) {
            return new Erasure(keyId, kind(subject), 0, true, erasedBefore.get());
        }
        List<OrderId> orders = orderIds(subject);
        Instant now = clock.instant();
        String customerId = subject.kind() == DataSubject.Kind.CUSTOMER ? subject.value() : null;
        events.publish(new DataSubjectErasedEvent(keyId, customerId, orders, reason, admin, now));
        cipher.keys().erase(keyId);
        // the orders' snapshots and the orders kept in memory hold the personal data opened; without them the orders
        // are sourced from their events, which now read as erased
        List<String> orderIds = orders.stream().map(OrderId::value).toList();
        snapshots.forget(orderIds);
        orderIds.forEach(orderCache::remove);
        return new Erasure(keyId, kind(subject), orders.size(), false, now);
    }

    /** The subject's personal data and orders; {@code forOwner} leaves out what admins wrote. */
    public PersonalDataExport export(DataSubject subject, boolean forOwner) {
        List<OrderView> orders = new ArrayList<>();
        for (OrderId id : orderIds(subject)) {
            OrderView view = queries.query(new FindOrderQuery(id), ResponseTypes.instanceOf(OrderView.class))
                    .join();
            if (view != null) {
                orders.add(forOwner ? view.forCustomer() : view);
            }
        }
        Set<String> emails = new LinkedHashSet<>();
        Set<OrderView.PostalAddress> addresses = new LinkedHashSet<>();
        Set<String> notes = new LinkedHashSet<>();
        for (OrderView order : orders) {
            emails.add(order.customer().email());
            addIfPresent(addresses, order.shippingAddress());
            addIfPresent(addresses, order.billingAddress());
            addIfPresent(notes, order.notes());
        }
        Instant erasedAt = cipher.keys().erasedAt(cipher.keyId(subject)).orElse(null);
        return new PersonalDataExport(
                subject.value(),
                kind(subject),
                clock.instant(),
                erasedAt,
                List.copyOf(emails),
                List.copyOf(addresses),
                List.copyOf(notes),
                orders);
    }

    private static <T> void addIfPresent(Set<T> values, T value) {
        if (value != null) {
            values.add(value);
        }
    }

    /** The subject's orders as the order lists know them now, hot and archived, oldest first. */
    List<OrderId> orderIds(DataSubject subject) {
        List<OrderSummaryView> rows = subject.kind() == DataSubject.Kind.CUSTOMER
                ? all(page -> new FindCustomerOrdersWithArchiveQuery(
                        new FindCustomerOrdersQuery(subject.value(), null, page)))
                : all(page -> new AdminOrderSearchWithArchiveQuery(
                                new AdminOrderSearchQuery(null, null, null, null, subject.value(), null, page)))
                        .stream()
                        .filter(row -> row.customerId() == null
                                && row.customerEmail() != null
                                && subject.value()
                                        .equalsIgnoreCase(row.customerEmail().strip()))
                        .toList();
        List<OrderId> ids = new ArrayList<>();
        for (int i = rows.size() - 1; i >= 0; i--) {
            ids.add(new OrderId(rows.get(i).orderId()));
        }
        return ids.stream().distinct().toList();
    }

    private List<OrderSummaryView> all(Function<PageRequest, Object> query) {
        List<OrderSummaryView> rows = new ArrayList<>();
        for (int page = 0; ; page++) {
            OrderSummaryPage result = queries.query(
                            query.apply(new PageRequest(page, PAGE)), ResponseTypes.instanceOf(OrderSummaryPage.class))
                    .join();
            rows.addAll(Objects.requireNonNull(result, "order list").items());
            if (result.items().size() < PAGE) {
                return rows;
            }
        }
    }

    private static String kind(DataSubject subject) {
        return subject.kind().name().toLowerCase(Locale.ROOT);
    }

    /**
     * An erasure accepted: {@code {"subjectKey","kind","orders","alreadyErased","erasedAt"}}; {@code orders} counts
     * the orders scrubbed by this erasure (0 when it was erased before).
     */
    public record Erasure(String subjectKey, String kind, int orders, boolean alreadyErased, Instant erasedAt) {}

    /**
     * A subject's personal data: the e-mails, addresses and notes found in their orders, and the orders themselves.
     * {@code erasedAt} is set once the subject was erased (the values then read as the placeholder).
     */
    public record PersonalDataExport(
            String subject,
            String kind,
            Instant exportedAt,
            Instant erasedAt,
            List<String> emails,
            List<OrderView.PostalAddress> addresses,
            List<String> notes,
            List<OrderView> orders) {}
}
