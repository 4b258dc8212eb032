package io.orderengine.outbound.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class SellerPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SellerProperties.class)
    static class Binding {}

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(Binding.class);

    @Test
    void aSaudiSellerWithAWellFormedVatNumberStartsAndPrintsItsBlock() {
        context.withPropertyValues(
                        "engine.shop.legal-name=Souq Parts Co",
                        "engine.shop.address=King Fahd Rd 1|Riyadh 12211",
                        "engine.shop.vat-number=310122393500003",
                        "engine.shop.cr-number=1010010030",
                        "engine.shop.country=SA")
                .run(started -> {
                    assertThat(started).hasNotFailed();
                    SellerProperties seller = started.getBean(SellerProperties.class);
                    assertThat(seller.addressLines()).containsExactly("King Fahd Rd 1", "Riyadh 12211");
                    assertThat(seller.zatcaQr()).isTrue();
                    assertThat(seller.series()).isEqualTo("SA:310122393500003");
                });
    }

    @Test
    void aSaudiVatNumberThatIsNotFifteenDigitsFromThreeToThreeStopsStartUpNamingTheProperty() {
        for (String wrong : new String[] {"31012239350000", "310122393500004", "210122393500003", "3101223935000O3"}) {
            context.withPropertyValues("engine.shop.vat-number=" + wrong, "engine.shop.country=SA")
                    .run(started -> assertThat(started)
                            .getFailure()
                            .rootCause()
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("engine.shop.vat-number '" + wrong + "' is not a Saudi VAT number")
                            .hasMessageContaining("15 digits, starting and ending with 3"));
        }
    }

    @Test
    void theSaudiRuleAppliesOnlyToSaudiSellers() {
        context.withPropertyValues("engine.shop.vat-number=DE123456789", "engine.shop.country=DE")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void aSaudiCommercialRegistrationIsTenDigits() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SellerProperties("Souq", "", "310122393500003", "10100100", "SA"))
                .withMessageContaining("engine.shop.cr-number");
    }

    @Test
    void anIsraeliDealerNumberMustCarryItsCheckDigit() {
        assertThat(new SellerProperties("Shop", "", "123456782", null, "IL").vatNumber())
                .isEqualTo("123456782");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SellerProperties("Shop", "", "123456789", null, "IL"))
                .withMessageContaining("is not an Israeli dealer number");
    }

    @Test
    void aBlankLegalNameOrAMalformedCountryStopsStartUp() {
        context.withPropertyValues("engine.shop.legal-name= ")
                .run(started -> assertThat(started).getFailure().hasStackTraceContaining("engine.shop.legal-name"));
        context.withPropertyValues("engine.shop.country=Saudi")
                .run(started -> assertThat(started).getFailure().hasStackTraceContaining("ISO 3166-1 alpha-2"));
    }
}
