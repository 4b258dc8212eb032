package io.orderengine.api.engine;

import io.orderengine.command.order.ReturnPolicy;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How long after delivery units may be returned ({@code engine.returns.window}, default 30 days). */
@Configuration(proxyBeanMethods = false)
public class ReturnsConfiguration {

    @Bean
    public ReturnPolicy returnPolicy(@Value("${engine.returns.window:P30D}") Duration window, Clock clock) {
        return new ReturnPolicy(window, clock);
    }
}
