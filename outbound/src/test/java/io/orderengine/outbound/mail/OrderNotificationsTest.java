package io.orderengine.outbound.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.outbound.GuestOrders;
import io.orderengine.outbound.facts.OrderFactsStore;
import io.orderengine.outbound.invoice.InvoicePdf;
import io.orderengine.outbound.invoice.InvoiceProperties;
import io.orderengine.outbound.invoice.Invoices;
import io.orderengine.outbound.invoice.MongoInvoiceNumbers;
import io.orderengine.outbound.invoice.SellerProperties;
import io.orderengine.testkit.FreePorts;
import io.orderengine.testkit.OrderFixtures;
import io.orderengine.testkit.ReceivedMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The notification handlers against a real SMTP server (GreenMail) and an in-memory Mongo: each email goes out once
 * per event, never during a replay, and a failed send is retried and then thrown (so Axon dead-letters the event).
 */
class OrderNotificationsTest {

    private static final OrderId ORDER = new OrderId("7d1e2f30-0000-4000-8000-000000000042");

    private MongoServer mongo;
    private MongoClient client;
    private MongoDatabase database;
    private GreenMail smtp;
    private JavaMailSenderImpl mailSender;
    private AnnotationEventHandlerAdapter handlers;
    private final GuestLinks links =
            new GuestLinks(new GuestLinkProperties("k".repeat(32), Duration.ofDays(30)), Clock.systemUTC());

    @BeforeEach
    void start() throws IOException {
        mongo = new MongoServer(new MemoryBackend());
        InetSocketAddress address = mongo.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        database = client.getDatabase("notifications_test");
        smtp = new GreenMail(new ServerSetup(FreePorts.loopback(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        mailSender = new JavaMailSenderImpl();
        mailSender.setHost("127.0.0.1");
        mailSender.setPort(smtp.getSmtp().getPort());
        handlers = handlers(provider(mailSender));
    }

    @AfterEach
    void stop() {
        smtp.stop();
        client.close();
        mongo.shutdownNow();
    }

    private AnnotationEventHandlerAdapter handlers(ObjectProvider<JavaMailSender> senders) {
        NotificationProperties properties = new NotificationProperties(
                "Test Shop <shop@example.com>", 3, Duration.ofMillis(20), Duration.ofSeconds(5));
        SellerProperties seller = new SellerProperties("Test Shop Ltd", "1 Main St", null, null, null);
        InvoiceProperties invoicing = new InvoiceProperties("INV-", null);
        ShopProperties shop = new ShopProperties("Test Shop", "en", "https://shop.example/orders/{orderId}");
        OrderFactsStore facts = new OrderFactsStore(
                database,
                EmbeddedEventStore.builder()
                        .storageEngine(new InMemoryEventStorageEngine())
                        .build());
        OrderNotifications notifications = new OrderNotifications(
                facts,
                new MailTemplates(shop),
                new EmailSender(senders, properties),
                new SentEmails(database, Clock.systemUTC()),
                links,
                new InvoiceAttachments(
                        new Invoices(seller, invoicing, new MongoInvoiceNumbers(database)), new InvoicePdf(invoicing)));
        return new AnnotationEventHandlerAdapter(notifications);
    }

    private static ObjectProvider<JavaMailSender> provider(JavaMailSender sender) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (sender != null) {
            beans.addBean("mailSender", sender);
        }
        return beans.getBeanProvider(JavaMailSender.class);
    }

    private void deliver(EventMessage<?> message) throws Exception {
        handlers.handle(message);
    }

    /** The emails received but the order-received one every placed order gets. */
    private List<ReceivedMail> received() {
        return ReceivedMail.all(smtp.getReceivedMessages()).stream()
                .filter(mail -> !mail.subject().startsWith("We received your order"))
                .toList();
    }

    @Test
    void sendsTheConfirmationOnceEvenWhenTheEventIsDeliveredTwice() throws Exception {
        deliver(OrderFixtures.message(ORDER, 0, GuestOrders.aPlacedGuestOrder(ORDER, "guest@example.com")));
        EventMessage<?> confirmed = OrderFixtures.message(ORDER, 2, GuestOrders.confirmed(ORDER));

        deliver(confirmed);
        deliver(confirmed);

        assertThat(received()).singleElement().satisfies(mail -> {
            assertThat(mail.to()).isEqualTo("guest@example.com");
            assertThat(mail.subject()).contains(GuestOrders.NUMBER, "confirmed");
            assertThat(mail.text()).contains("€35.40", "https://shop.example/orders/" + ORDER.value());
        });
        assertThat(new SentEmails(database, Clock.systemUTC())
                        .status(SentEmails.key(confirmed.getIdentifier(), EmailKind.ORDER_CONFIRMED)))
                .isEqualTo("SENT");
    }

    @Test
    void aPlacedGuestOrderIsAcknowledgedWithASignedLinkAndTheConfirmationCarriesTheInvoice() throws Exception {
        deliver(OrderFixtures.message(ORDER, 0, GuestOrders.aPlacedGuestOrder(ORDER, "guest@example.com")));
        deliver(OrderFixtures.message(ORDER, 2, GuestOrders.confirmed(ORDER)));

        MimeMessage[] all = smtp.getReceivedMessages();
        assertThat(all).hasSize(2);
        ReceivedMail placed = ReceivedMail.of(all[0]);
        assertThat(placed.subject()).isEqualTo("We received your order " + GuestOrders.NUMBER + " at Test Shop");
        Matcher link =
                Pattern.compile("\\?token=(gl1\\.[0-9]+\\.[A-Za-z0-9_-]+)").matcher(placed.text());
        assertThat(link.find()).isTrue();
        assertThat(links.opens(ORDER.value(), link.group(1))).isTrue();
        assertThat(placed.text()).contains("Payment is still pending", "€35.40");
        assertThat(placed.html()).contains(link.group(1));

        ReceivedMail confirmed = ReceivedMail.of(all[1]);
        assertThat(confirmed.subject()).contains("is confirmed");
        assertThat(confirmed.text()).contains(link.group(1).substring(0, 4));
        byte[] pdf = attachment(all[1], "INV-\\d{4}-000001\\.pdf");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains(GuestOrders.NUMBER);
        }
    }

    private static byte[] attachment(MimeMessage message, String filename) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getFileName() != null && part.getFileName().matches(filename)) {
                assertThat(part.getContentType()).startsWith("application/pdf");
                return part.getInputStream().readAllBytes();
            }
        }
        throw new AssertionError("no attachment " + filename);
    }

    @Test
    void anUnpaidOrderEditedToAnotherTotalTellsTheCustomerToPayTheNewTotalOnTheOrderPage() throws Exception {
        OrderPlacedEvent placed = GuestOrders.aPlacedGuestOrder(ORDER, "guest@example.com");
        deliver(OrderFixtures.message(ORDER, 0, placed));
        OrderLine lamp = OrderLine.of(new SkuCode("LAMP"), "Lamp", Money.of(3500, "EUR"), 1, null, null);
        List<OrderLine> lines = new ArrayList<>(placed.lines());
        lines.add(lamp);
        OrderTotals before = placed.totals();
        OrderTotals after = new OrderTotals(
                before.subtotal().plus(lamp.unitPrice()),
                before.discount(),
                before.shipping(),
                before.tax(),
                before.total().plus(lamp.unitPrice()),
                before.taxRateBasisPoints());

        deliver(OrderFixtures.message(
                ORDER,
                2,
                new OrderEditedEvent(
                        ORDER,
                        "ed-1",
                        2,
                        List.of(OrderEditChange.addLine(lamp.sku(), 1)),
                        null,
                        lines,
                        List.of(new EditedLine(lamp.sku(), "Lamp", lamp.unitPrice(), 0, 1)),
                        before,
                        after,
                        placed.shippingAddress(),
                        lamp.unitPrice(),
                        false,
                        Actor.admin("ops"),
                        placed.customer(),
                        null)));

        assertThat(received()).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).contains("was changed");
            assertThat(mail.text())
                    .contains("New total: €70.40 (was €35.40).")
                    .contains("Your payment is now for €70.40: pay it on your order page (link below).")
                    .contains("Lamp")
                    .doesNotContain("The difference of");
        });
    }

    @Test
    void twoEventsOfTheSameKindAreTwoEmails() throws Exception {
        deliver(OrderFixtures.message(ORDER, 0, GuestOrders.aPlacedGuestOrder(ORDER, "guest@example.com")));

        deliver(OrderFixtures.message(ORDER, 4, OrderFixtures.shipped(ORDER, "TRACK-1")));
        deliver(OrderFixtures.message(ORDER, 5, OrderFixtures.shipped(ORDER, "TRACK-2")));

        assertThat(received())
                .extracting(ReceivedMail::text)
                .anySatisfy(text -> assertThat(text).contains("TRACK-1"))
                .anySatisfy(text -> assertThat(text).contains("TRACK-2"));
    }

    @Test
    void sendsNothingWhileEventsAreReplayed() throws Exception {
        deliver(OrderFixtures.message(ORDER, 0, GuestOrders.aPlacedGuestOrder(ORDER, "guest@example.com")));
        TrackingToken replay =
                ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(100), new GlobalSequenceTrackingToken(1));

        deliver(new GenericTrackedDomainEventMessage<>(
                replay, OrderFixtures.message(ORDER, 2, GuestOrders.confirmed(ORDER))));

        assertThat(ReplayToken.isReplay(replay)).isTrue();
        assertThat(received()).isEmpty();
        assertThat(handlers.supportsReset()).isFalse();
    }

    @Test
    void aFailedSendIsRetriedThenThrownAndSentLaterWhenTheServerIsBack() throws Exception {
        deliver(OrderFixtures.message(ORDER, 0, GuestOrders.aPlacedGuestOrder(ORDER, "guest@example.com")));
        EventMessage<?> confirmed = OrderFixtures.message(ORDER, 2, GuestOrders.confirmed(ORDER));
        int serverPort = mailSender.getPort();
        mailSender.setPort(FreePorts.loopback());

        assertThatThrownBy(() -> deliver(confirmed))
                .isInstanceOf(EmailNotSentException.class)
                .hasMessageContaining("after 3 tries");
        assertThat(new SentEmails(database, Clock.systemUTC())
                        .status(SentEmails.key(confirmed.getIdentifier(), EmailKind.ORDER_CONFIRMED)))
                .isEqualTo("FAILED");

        mailSender.setPort(serverPort);
        deliver(confirmed);
        deliver(confirmed);

        assertThat(received()).hasSize(1);
    }

    @Test
    void withoutAnSmtpServerEmailsAreRecordedAsSkipped() throws Exception {
        AnnotationEventHandlerAdapter unconfigured = handlers(provider(null));
        unconfigured.handle(OrderFixtures.message(ORDER, 0, GuestOrders.aPlacedGuestOrder(ORDER, "guest@example.com")));
        EventMessage<?> confirmed = OrderFixtures.message(ORDER, 2, GuestOrders.confirmed(ORDER));

        unconfigured.handle(confirmed);

        assertThat(received()).isEmpty();
        assertThat(new SentEmails(database, Clock.systemUTC())
                        .status(SentEmails.key(confirmed.getIdentifier(), EmailKind.ORDER_CONFIRMED)))
                .isEqualTo("SKIPPED");
    }

    @Test
    void anOrderNobodyKnowsFailsSoItIsDeadLettered() {
        EventMessage<?> confirmed = OrderFixtures.message(ORDER, 2, GuestOrders.confirmed(ORDER));

        assertThatThrownBy(() -> deliver(confirmed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not known");
        assertThat(received()).isEmpty();
    }
}
