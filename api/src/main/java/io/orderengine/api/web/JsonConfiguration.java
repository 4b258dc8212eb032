package io.orderengine.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How request bodies are read, beyond {@code spring.jackson.*}: a key given twice ({@code {"email":"a","email":"b"}})
 * is an error instead of "the last one wins" (two parsers of one body, say a proxy's and ours, could otherwise act on
 * different values), and a fractional number where a whole one belongs ({@code "quantity": 1.5}) is an error instead of
 * being cut to 1. Both surface as {@code HttpMessageNotReadableException} and answer 400 {@code malformed-body}.
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
