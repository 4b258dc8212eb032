package io.orderengine.outbound.webhooks;

import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.outbound.facts.OrderFactsStore;
import io.orderengine.testkit.InMemoryMongo;
import io.orderengine.testkit.MutableClock;
import io.orderengine.testkit.OrderFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An edit undone for want of its balance goes out as {@code order.edit_rolled_back} (the order as it is again, the
 * edit ROLLED_BACK), to its subscribers only: a subscriber of {@code order.edited} hears of the edit, not of its undoing.
 */
class OrderEditWebhooksTest {

    private static final SkuCode LAMP = new SkuCode("LAMP");

    private final InMemoryMongo mongo = InMemoryMongo.start();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T18:00:00Z"));
    private final WebhookEndpoints endpoints = new WebhookEndpoints(mongo.database(), clock);
    private final WebhookDeliveries deliveries = new WebhookDeliveries(mongo.database());
    private final WebhookOutbox outbox =
            new WebhookOutbox(new OrderFactsStore(mongo.database(), null), endpoints, deliveries, clock);

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void aRolledBackEditGoesToItsSubscribersWithTheOrderAsItIsAgainAndTheEditRolledBack() {
        WebhookEndpoints.Endpoint rollbacks = endpoints.register(
                "http://127.0.0.1:9/rollbacks", "s3cret", List.of(WebhookEventType.ORDER_EDIT_ROLLED_BACK), "erp");
        WebhookEndpoints.Endpoint edits =
                endpoints.register("http://127.0.0.1:9/edits", "s3cret", List.of(WebhookEventType.ORDER_EDITED), "crm");
        OrderPlacedEvent placed = OrderFixtures.aPlacedOrder().build();
        OrderTotals before = placed.totals();
        OrderLine lamp = OrderLine.of(LAMP, "Lamp", Money.of(4000, before.currency()), 1, null, null);
        List<OrderLine> lines = new ArrayList<>(placed.lines());
        lines.add(lamp);
        OrderTotals after = new OrderTotals(
                before.subtotal().plus(lamp.lineTotal()),
                before.discount(),
                before.shipping(),
                before.tax(),
                before.total().plus(lamp.lineTotal()),
                before.taxRateBasisPoints());
        Instant at = clock.instant();

        outbox.on(placed, 0, at);
        outbox.on(
                new OrderEditedEvent(
                        placed.orderId(),
                        "ed-1",
                        2,
                        List.of(OrderEditChange.addLine(LAMP, 1)),
                        null,
                        lines,
                        List.of(new EditedLine(LAMP, "Lamp", lamp.unitPrice(), 0, 1)),
                        before,
                        after,
                        placed.shippingAddress(),
                        lamp.lineTotal(),
                        true,
                        ADMIN,
                        placed.customer(),
                        null),
                "ev-edited",
                3,
                at);
        outbox.on(
                new OrderEditRolledBackEvent(
                        placed.orderId(),
                        "ed-1",
                        3,
                        placed.lines(),
                        List.of(new EditedLine(LAMP, "Lamp", lamp.unitPrice(), 1, 0)),
                        before,
                        placed.shippingAddress(),
                        PaymentStatus.PAID,
                        "balance not paid within 30 minutes",
                        Actor.system("edit-balance-saga"),
                        placed.customer()),
                "ev-rolled-back",
                6,
                at);

        assertThat(deliveries.ofEndpoint(edits.id(), 0, 10))
                .singleElement()
                .satisfies(delivery -> assertThat(delivery.eventType()).isEqualTo("order.edited"));
        assertThat(deliveries.ofEndpoint(rollbacks.id(), 0, 10)).singleElement().satisfies(delivery -> {
            assertThat(delivery.eventType()).isEqualTo("order.edit_rolled_back");
            assertThat(delivery.body())
                    .contains("\"type\":\"order.edit_rolled_back\"")
                    .contains("\"editId\":\"ed-1\"")
                    .contains("\"status\":\"ROLLED_BACK\"")
                    .contains("\"reason\":\"balance not paid within 30 minutes\"")
                    .contains("\"sku\":\"LAMP\"")
                    .contains("\"totalMinor\":" + before.total().amountMinor())
                    .doesNotContain("\"name\":\"Lamp\"");
        });
    }
}
