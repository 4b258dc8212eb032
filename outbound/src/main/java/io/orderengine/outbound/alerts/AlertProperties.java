package io.orderengine.outbound.alerts;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Alerts the engine raises itself (docs/operations.md, "Alerts").
 *
 * @param recipients e-mail addresses told when an alert is raised and when it clears (none: no e-mail; the outbound
 *                   webhooks {@code alert.raised} and {@code alert.cleared} and the dashboard still show it)
 * @param interval   how often the rules are evaluated
 * @param lease      how long one instance stays the evaluator without renewing (several instances on one store: only
 *                   the holder evaluates; another takes over when it stops renewing)
 */
@ConfigurationProperties("engine.alerts")
public record AlertProperties(List<String> recipients, Duration interval, Duration lease) {

    public AlertProperties {
        recipients = recipients == null
                ? List.of()
                : recipients.stream()
                        .map(String::strip)
                        .filter(r -> !r.isEmpty())
                        .toList();
        interval = interval == null ? Duration.ofSeconds(30) : interval;
        lease = lease == null ? interval.multipliedBy(4) : lease;
    }
}
