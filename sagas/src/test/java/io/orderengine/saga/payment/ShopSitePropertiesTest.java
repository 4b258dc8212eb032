package io.orderengine.saga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ShopSitePropertiesTest {

    @Test
    void aPublicBaseUrlIsAnAbsoluteHttpUrlWithoutQueryAndLosesItsTrailingSlash() {
        assertThat(new ShopSiteProperties("https://shop.example/").publicBaseUrl())
                .isEqualTo("https://shop.example");
        assertThat(new ShopSiteProperties("https://shop.example/eu").publicBaseUrl())
                .isEqualTo("https://shop.example/eu");
        assertThat(new ShopSiteProperties("  ").publicBaseUrl()).isNull();
        for (String wrong :
                new String[] {"shop.example", "ftp://shop.example", "https://shop.example/?a=b", "https:/x"}) {
            assertThatIllegalArgumentException()
                    .as(wrong)
                    .isThrownBy(() -> new ShopSiteProperties(wrong))
                    .withMessageContaining("engine.shop.public-base-url");
        }
    }

    @Test
    void unsetItIsThisEngineOnLocalhostOnceItsPortIsKnown() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "0");
        environment.setProperty("local.server.port", "43123");

        assertThat(PaymentsConfiguration.publicBaseUrl(new ShopSiteProperties(null), environment))
                .isEqualTo("http://localhost:43123");
        assertThat(PaymentsConfiguration.publicBaseUrl(new ShopSiteProperties("https://shop.example"), environment))
                .isEqualTo("https://shop.example");
    }
}
