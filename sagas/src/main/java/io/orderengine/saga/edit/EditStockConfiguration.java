package io.orderengine.saga.edit;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The rules of the stock of order edits ({@link EditStockPolicy}: {@code engine.orders.edit-stock-hold}). */
@Configuration(proxyBeanMethods = false)
public class EditStockConfiguration {

    @Bean
    EditStockPolicy editStockPolicy(@Value("${engine.orders.edit-stock-hold:5m}") Duration holdTimeout) {
        return new EditStockPolicy(holdTimeout);
    }
}
