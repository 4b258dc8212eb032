package io.orderengine.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.RegexPatternTypeFilter;

/**
 * Every event the engine records is named in words on the admin pages (the order's audit trail, a SKU's history): a
 * new event type without an entry in {@code words.js} would show up as its class name turned into words.
 */
class EventWordsTest {

    @Test
    void everyEventTypeHasItsWordsInWordsJs() throws IOException {
        String words;
        try (InputStream in = getClass().getResourceAsStream("/static/js/words.js")) {
            assertThat(in).as("static/js/words.js on the class path").isNotNull();
            words = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String eventWords = words.substring(words.indexOf("export const EVENT_WORDS = {"));
        eventWords = eventWords.substring(0, eventWords.indexOf("};"));

        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile(".*Event")));
        List<String> events = scanner.findCandidateComponents("io.orderengine.messages").stream()
                .map(BeanDefinition::getBeanClassName)
                .map(name -> name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1))
                .sorted()
                .toList();

        assertThat(events).as("event types found").hasSizeGreaterThan(40).contains("OrderPlacedEvent");
        String entries = eventWords;
        assertThat(events)
                .as("event types without words in EVENT_WORDS")
                .filteredOn(event -> !entries.contains("    " + event + ": '"))
                .isEmpty();
    }
}
