package io.orderengine.messages.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.messages.discount.DiscountId;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void orderNumbersAreTheDayAndASixDigitSequence() {
        assertThat(OrderNumber.of(LocalDate.of(2026, 11, 22), 7).value()).isEqualTo("ORD-20261122-000007");
        assertThatThrownBy(() -> OrderNumber.of(LocalDate.of(2026, 11, 22), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderNumber.of(LocalDate.of(2026, 11, 22), 1_000_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderNumber("ORD-2026-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderNumber("ORD-20261122-0000071")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderNumber("xORD-20261122-000007")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void skuCodesAndOrderIdsRefuseAnythingOutsideTheirShape() {
        assertThat(new SkuCode("TSHIRT-RED-M").toString()).isEqualTo("TSHIRT-RED-M");
        assertThat(SkuCode.isValid("tshirt")).isFalse();
        assertThat(SkuCode.isValid("{\"$gt\":\"\"}")).isFalse();
        assertThat(SkuCode.isValid("../etc")).isFalse();
        assertThat(OrderId.isValid(OrderId.random().value())).isTrue();
        assertThat(OrderId.isValid("3F2B1C9E-1D2A-4B6C-9E8F-0A1B2C3D4E5F")).isFalse();
        assertThatThrownBy(() -> new OrderId("1; drop")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderId("3F2B1C9E-1D2A-4B6C-9E8F-0A1B2C3D4E5F"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void addressesTakeAnIsoAlpha2Country() {
        assertThat(address("IL").country()).isEqualTo("IL");
        for (String country : new String[] {"il", "ISR", "I", "I1", ""}) {
            assertThatThrownBy(() -> address(country))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ISO 3166-1 alpha-2");
        }
    }

    @Test
    void discountIdsAreTheUpperCasedCodeOfAtMost32Characters() {
        assertThat(DiscountId.of(" welcome10 ").value()).isEqualTo("WELCOME10");
        assertThat(DiscountId.isValid("spring_25-x")).isTrue();
        assertThat(DiscountId.isValid("x".repeat(33))).isFalse();
        assertThat(DiscountId.isValid("ten %")).isFalse();
        assertThatThrownBy(() -> DiscountId.of("ten %")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DiscountId("welcome10")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DiscountId("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Address address(String country) {
        return new Address("Noa Cohen", null, "5 Rothschild Blvd", null, "Tel Aviv", null, "6688101", country);
    }
}
