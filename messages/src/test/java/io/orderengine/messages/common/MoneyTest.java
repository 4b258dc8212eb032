package io.orderengine.messages.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void addsAndSubtractsOnlyWithinOneCurrency() {
        assertThat(Money.of(1250, "EUR").plus(Money.of(50, "EUR"))).isEqualTo(Money.of(1300, "EUR"));
        assertThat(Money.of(1250, "EUR").minus(Money.of(1300, "EUR"))).isEqualTo(Money.of(-50, "EUR"));
        assertThatThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUR vs USD");
    }

    @Test
    void percentagesRoundHalfAwayFromZeroToAMinorUnit() {
        assertThat(Money.of(5000, "EUR").percentOf(1800)).isEqualTo(Money.of(900, "EUR"));
        assertThat(Money.of(25, "EUR").percentOf(1000)).isEqualTo(Money.of(3, "EUR"));
        assertThat(Money.of(24, "EUR").percentOf(1000)).isEqualTo(Money.of(2, "EUR"));
        assertThat(Money.of(-25, "EUR").percentOf(1000)).isEqualTo(Money.of(-3, "EUR"));
        assertThat(Money.of(1, "EUR").percentOf(1500)).isEqualTo(Money.of(0, "EUR"));
    }

    @Test
    void refusesUnknownCurrenciesAndOverflow() {
        assertThatThrownBy(() -> Money.of(1, "EURO")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "eur")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(1, "XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "EUR").plus(Money.of(1, "EUR")))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE / 2, "EUR").times(3)).isInstanceOf(ArithmeticException.class);
    }
}
