package io.orderengine.messages.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderLineTest {

    @Test
    void aLineTotalIsAlwaysUnitPriceTimesQuantity() {
        OrderLine line = OrderLine.of(new SkuCode("MUG"), "Mug", Money.of(1250, "EUR"), 3, Map.of(), null);
        assertThat(line.lineTotal()).isEqualTo(Money.of(3750, "EUR"));
        assertThatThrownBy(() -> new OrderLine(
                        new SkuCode("MUG"), "Mug", Money.of(1250, "EUR"), 3, Map.of(), null, Money.of(1, "EUR")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderLine.of(new SkuCode("MUG"), "Mug", Money.of(1250, "EUR"), 0, Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void totalsMustAddUp() {
        Money eur = Money.of(0, "EUR");
        new OrderTotals(
                Money.of(5000, "EUR"),
                Money.of(500, "EUR"),
                Money.of(500, "EUR"),
                Money.of(900, "EUR"),
                Money.of(5900, "EUR"),
                1800);
        assertThatThrownBy(() -> new OrderTotals(Money.of(5000, "EUR"), eur, eur, eur, Money.of(4999, "EUR"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not add up");
    }

    @Test
    void anOrderBelongsToExactlyOneOfACustomerOrAGuest() {
        assertThat(CustomerRef.guest("g@example.com", "ab12").isGuest()).isTrue();
        assertThatThrownBy(() -> new CustomerRef("alice", "a@example.com", "ab12"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CustomerRef(null, "a@example.com", null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
