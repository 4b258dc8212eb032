package io.orderengine.api.shop.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.api.web.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class CheckoutLimitsTest {

    private final CheckoutLimits limits = new CheckoutLimits(10, 50);

    private static CheckoutRequest.Item item(String sku, int quantity) {
        return new CheckoutRequest.Item(sku, quantity);
    }

    @Test
    void acceptsAnOrderAtBothLimits() {
        assertThatCode(() -> limits.check(List.of(
                        item("A", 10), item("B", 10), item("C", 10), item("D", 10), item("E", 5), item("E", 5))))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesMoreUnitsOfOneSkuThanALineMayHoldAddingUpItsItems() {
        assertThatThrownBy(() -> limits.check(List.of(item("MUG", 6), item("MUG", 5))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
                    assertThat(e.kind()).isEqualTo("order-limit-exceeded");
                })
                .hasMessage("At most 10 units of one SKU per order (max-units-per-line); MUG has 11.");
    }

    @Test
    void refusesMoreUnitsInAllThanAnOrderMayHold() {
        assertThatThrownBy(() -> limits.check(List.of(
                        item("A", 10), item("B", 10), item("C", 10), item("D", 10), item("E", 10), item("F", 1))))
                .isInstanceOf(ApiException.class)
                .hasMessage("At most 50 units per order (max-units-per-order); this order has 51.");
    }
}
