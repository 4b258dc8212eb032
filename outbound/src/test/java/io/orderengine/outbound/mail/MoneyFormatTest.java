package io.orderengine.outbound.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoneyFormatTest {

    @Test
    void formatsEurosForEnglishReadersWithTheEuroSignFirst() {
        assertThat(MoneyFormat.format(3540, "EUR", Locale.ENGLISH)).isEqualTo("€35.40");
    }

    @Test
    void formatsEurosForGermanReadersWithDecimalCommaAndTheSignAfter() {
        assertThat(MoneyFormat.format(3540, "EUR", Locale.GERMAN).replace('\u00A0', ' '))
                .isEqualTo("35,40 €");
    }

    @Test
    void usesTheCurrencysOwnMinorUnits() {
        assertThat(MoneyFormat.format(1200, "JPY", Locale.ENGLISH)).isEqualTo("¥1,200");
        assertThat(MoneyFormat.format(12345, "KWD", Locale.ENGLISH)).contains("12.345");
    }
}
