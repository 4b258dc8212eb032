package io.orderengine.outbound.facts;

import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.MORNING;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static io.orderengine.testkit.OrderFixtures.eur;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderPlacedEvent;
import io.orderengine.messages.order.OrderTotals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** E-mails, invoices and webhooks after an edit speak of the order as edited (or as before, once rolled back). */
class OrderFactsEditTest {

    @Test
    void anEditReplacesTheLinesTotalsAndShippingAddressOnce() {
        OrderPlacedEvent placed = aPlacedOrder().build();
        Address haifa = new Address("Noa Cohen", null, "2 Yafo St", null, "Haifa", null, "3300000", "IL");
        OrderLine mug = OrderLine.of(new SkuCode("MUG"), "Mug", eur(1000), 1, null, null);
        OrderTotals after = new OrderTotals(eur(1000), eur(0), eur(0), eur(0), eur(1000), 0);
        OrderEditedEvent edited = new OrderEditedEvent(
                placed.orderId(),
                "ed-1",
                2,
                List.of(OrderEditChange.shipTo(haifa)),
                null,
                List.of(mug),
                List.of(new EditedLine(mug.sku(), "Mug", mug.unitPrice(), 0, 1)),
                placed.totals(),
                after,
                haifa,
                after.total().minus(placed.totals().total()),
                true,
                ADMIN,
                placed.customer(),
                null);

        OrderFacts facts = OrderFacts.placed(placed, 0).apply(edited, 1, MORNING);

        assertThat(facts.lines()).containsExactly(mug);
        assertThat(facts.totals()).isEqualTo(after);
        assertThat(facts.shippingAddress()).isEqualTo(haifa);
        assertThat(facts.apply(edited, 1, MORNING)).isSameAs(facts);

        OrderFacts undone = facts.apply(
                new OrderEditRolledBackEvent(
                        placed.orderId(),
                        "ed-1",
                        3,
                        placed.lines(),
                        List.of(),
                        placed.totals(),
                        placed.shippingAddress(),
                        io.orderengine.messages.order.PaymentStatus.PAID,
                        "balance not paid",
                        ADMIN,
                        placed.customer()),
                2,
                MORNING);
        assertThat(undone.lines()).isEqualTo(placed.lines());
        assertThat(undone.totals()).isEqualTo(placed.totals());
        assertThat(undone.shippingAddress()).isEqualTo(placed.shippingAddress());
    }
}
