package io.orderengine.outbound.mail;

import io.micrometer.core.instrument.Metrics;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.OrderCancelledEvent;
import io.orderengine.messages.order.OrderConfirmedEvent;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderShippedEvent;
import io.orderengine.messages.order.PaymentRefundedEvent;
import io.orderengine.messages.order.ReturnReceivedEvent;
import io.orderengine.messages.order.ShipmentCreatedEvent;
import io.orderengine.messages.order.ShipmentDeliveredEvent;
import io.orderengine.messages.privacy.DataSubjectErasedEvent;
import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.outbound.facts.OrderFacts;
import io.orderengine.outbound.facts.OrderFactsStore;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Emails the customer (or guest) when their order is confirmed, shipped, cancelled or refunded. Runs in its own
 * processing group, after the order's events are stored, so neither a slow nor a dead SMTP server can delay or fail
 * an order. What an email says comes from the order facts ({@link OrderFactsStore}), into which each handler folds
 * its event first. Each email is sent at most once per event ({@link SentEmails}); a failed one is retried with backoff
 * and then dead-lettered for an admin. Never replayed: every handler refuses replays and the group is not reset
 * (a rebuild of the read models must not mail customers again).
 */
@Component
@ProcessingGroup(OrderNotifications.PROCESSING_GROUP)
public class OrderNotifications {

    public static final String PROCESSING_GROUP = "notifications";

    private static final Logger log = LoggerFactory.getLogger(OrderNotifications.class);

    private final OrderFactsStore orders;
    private final MailTemplates templates;
    private final EmailSender sender;
    private final SentEmails sent;
    private final GuestLinks guestLinks;
    private final InvoiceAttachments invoices;

    public OrderNotifications(
            OrderFactsStore orders,
            MailTemplates templates,
            EmailSender sender,
            SentEmails sent,
            GuestLinks guestLinks,
            InvoiceAttachments invoices) {
        this.orders = orders;
        this.templates = templates;
        this.sender = sender;
        this.sent = sent;
        this.guestLinks = guestLinks;
        this.invoices = invoices;
    }

    @EventHandler
    @DisallowReplay
    void on(
            OrderPlacedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        notify(eventId, EmailKind.ORDER_RECEIVED, event.orderId(), event, sequence, at, Map.of());
    }

    @EventHandler
    @DisallowReplay
    void on(
            OrderConfirmedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        notify(eventId, EmailKind.ORDER_CONFIRMED, event.orderId(), event, sequence, at, Map.of());
    }

    /** Every shipment mails its lines and tracking number, the partial ones and the last one alike. */
    @EventHandler
    @DisallowReplay
    void on(
            ShipmentCreatedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> details = new HashMap<>();
        details.put("trackingNumber", event.trackingNumber());
        details.put("carrier", event.carrier());
        details.put("estimatedDelivery", longDate(event.estimatedDelivery()));
        details.put(
                "shipmentLines",
                event.lines().stream()
                        .map(line -> Map.of(
                                "sku", line.sku().value(),
                                "name", line.name() == null ? line.sku().value() : line.name(),
                                "quantity", line.quantity()))
                        .toList());
        notify(eventId, EmailKind.ORDER_SHIPPED, event.orderId(), event, sequence, at, details);
    }

    /**
     * The order shipped. The shipment it completes mailed already, unless the order shipped before shipments were
     * tracked (no shipment right before it): then this is the shipped e-mail, as it always was.
     */
    @EventHandler
    @DisallowReplay
    void on(
            OrderShippedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        if (orders.followsAShipment(event.orderId(), sequence)) {
            orders.record(event.orderId(), event, sequence, at);
            return;
        }
        Map<String, Object> details = new HashMap<>();
        details.put("trackingNumber", event.trackingNumber());
        details.put(
                "estimatedDelivery",
                event.estimatedDelivery() == null
                        ? null
                        : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                                .withLocale(templates.locale())
                                .format(event.estimatedDelivery()));
        notify(eventId, EmailKind.ORDER_SHIPPED, event.orderId(), event, sequence, at, details);
    }

    @EventHandler
    @DisallowReplay
    void on(
            OrderCancelledEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> details = new HashMap<>();
        details.put("reason", event.note());
        Money refundDue = event.refundDue();
        details.put(
                "refundDue",
                refundDue == null || refundDue.amountMinor() <= 0
                        ? null
                        : templates.money(refundDue.amountMinor(), refundDue.currency()));
        notify(eventId, EmailKind.ORDER_CANCELLED, event.orderId(), event, sequence, at, details);
    }

    @EventHandler
    @DisallowReplay
    void on(
            PaymentRefundedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> details = new HashMap<>();
        details.put(
                "refundAmount",
                templates.money(event.amount().amountMinor(), event.amount().currency()));
        details.put(
                "refundedTotal",
                templates.money(
                        event.totalRefunded().amountMinor(),
                        event.totalRefunded().currency()));
        notify(eventId, EmailKind.ORDER_REFUNDED, event.orderId(), event, sequence, at, details);
    }

    @EventHandler
    @DisallowReplay
    void on(
            OrderEditedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> details = new HashMap<>();
        Money before = event.totalsBefore().total();
        Money after = event.totals().total();
        details.put("oldTotal", templates.money(before.amountMinor(), before.currency()));
        details.put("newTotal", templates.money(after.amountMinor(), after.currency()));
        details.put(
                "refundAmount",
                event.paid() && event.balance().isNegative()
                        ? templates.money(
                                -event.balance().amountMinor(), event.balance().currency())
                        : null);
        details.put(
                "balanceAmount",
                event.paid() && event.balance().amountMinor() > 0
                        ? templates.money(
                                event.balance().amountMinor(), event.balance().currency())
                        : null);
        // an unpaid order edited to another total: its payment is now for the new total, through a new link
        details.put(
                "payAmount",
                !event.paid() && event.balance().amountMinor() != 0
                        ? templates.money(after.amountMinor(), after.currency())
                        : null);
        notify(eventId, EmailKind.ORDER_EDITED, event.orderId(), event, sequence, at, details);
    }

    /** An edit whose balance was not paid was undone: the customer is told, with the order as it is again. */
    @EventHandler
    @DisallowReplay
    void on(
            OrderEditRolledBackEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        notify(eventId, EmailKind.ORDER_EDIT_ROLLED_BACK, event.orderId(), event, sequence, at, Map.of());
    }

    /** Every shipment that arrives mails the customer once. */
    @EventHandler
    @DisallowReplay
    void on(
            ShipmentDeliveredEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        notify(eventId, EmailKind.ORDER_DELIVERED, event.orderId(), event, sequence, at, Map.of());
    }

    /** A return arrived: what came back and the refund under way (the refund e-mail follows when it is done). */
    @EventHandler
    @DisallowReplay
    void on(
            ReturnReceivedEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Map<String, Object> details = new HashMap<>();
        details.put("returnId", event.returnId());
        details.put(
                "returnLines",
                event.lines().stream()
                        .map(line -> Map.of(
                                "sku", line.sku().value(),
                                "name", line.name() == null ? line.sku().value() : line.name(),
                                "quantity", line.quantity()))
                        .toList());
        Money refund = event.refund();
        details.put(
                "refundAmount",
                refund == null || refund.amountMinor() <= 0
                        ? null
                        : templates.money(refund.amountMinor(), refund.currency()));
        notify(eventId, EmailKind.RETURN_RECEIVED, event.orderId(), event, sequence, at, details);
    }

    private String longDate(java.time.LocalDate date) {
        return date == null
                ? null
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(templates.locale())
                        .format(date);
    }

    /**
     * A data subject was erased: the facts of their orders lose their personal data (so later e-mails are not sent
     * and later invoices show the placeholder) and the e-mail log its recipients. This processor is never replayed
     * (a rebuild must never mail customers again), so neither is this handler.
     */
    @EventHandler
    @DisallowReplay
    void on(DataSubjectErasedEvent event) {
        for (OrderId orderId : event.orderIds()) {
            orders.erase(orderId);
            sent.eraseRecipients(orderId.value());
        }
    }

    private void notify(
            String eventId,
            EmailKind kind,
            OrderId orderId,
            Object event,
            long sequence,
            Instant at,
            Map<String, Object> kindDetails) {
        String key = SentEmails.key(eventId, kind);
        OrderFacts order = orders.record(orderId, event, sequence, at)
                .orElseThrow(() -> new IllegalStateException("order " + orderId
                        + " is not known to the notifications; its " + kind.template() + " email cannot be written"));
        if (PersonalData.ERASED.equals(order.email())) {
            log.info(
                    "{} email of order {} not sent: its customer's data was erased",
                    kind.template(),
                    order.orderNumber());
            sent.markSkipped(key, kind, orderId.value(), "personal data erased");
            count(kind, "skipped");
            return;
        }
        if (!sender.configured()) {
            log.info(
                    "No SMTP server configured (spring.mail.host): {} email of order {} not sent",
                    kind.template(),
                    order.orderNumber());
            sent.markSkipped(key, kind, orderId.value(), "no SMTP server configured");
            count(kind, "skipped");
            return;
        }
        Map<String, Object> details = new HashMap<>(kindDetails);
        if (order.guest()) {
            details.put("link", templates.guestLink(order, guestLinks.sign(order.orderId())));
            details.put("linkExpires", templates.date(guestLinks.expiry()));
        }
        details.put("paymentPending", kind == EmailKind.ORDER_RECEIVED && !order.confirmed());
        Email rendered = templates.render(kind, order, details);
        Email email = kind == EmailKind.ORDER_CONFIRMED
                ? invoices.of(order).map(rendered::with).orElse(rendered)
                : rendered;
        if (!sent.claim(key, kind, orderId.value(), email.to())) {
            log.debug(
                    "{} email of order {} was already sent for event {}",
                    kind.template(),
                    order.orderNumber(),
                    eventId);
            return;
        }
        try {
            sender.send(email);
        } catch (RuntimeException e) {
            sent.markFailed(key, e.getMessage());
            count(kind, "failed");
            throw e;
        }
        sent.markSent(key, email.subject());
        count(kind, "sent");
    }

    /** Counted in Micrometer's global registry, which Spring Boot binds to the engine's. */
    private static void count(EmailKind kind, String outcome) {
        Metrics.counter("orderengine.emails", "kind", kind.template(), "outcome", outcome)
                .increment();
    }
}
