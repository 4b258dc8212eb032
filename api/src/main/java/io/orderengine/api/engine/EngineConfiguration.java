package io.orderengine.api.engine;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Engine-wide beans that are not about storage or security. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

    /** UTC everywhere; order numbers use the UTC day. Injectable so tests can move time. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
