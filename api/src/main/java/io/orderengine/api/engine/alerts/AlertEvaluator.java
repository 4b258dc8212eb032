package io.orderengine.api.engine.alerts;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderengine.outbound.alerts.Alert;
import io.orderengine.outbound.alerts.AlertNotifications;
import io.orderengine.outbound.alerts.AlertProperties;
import io.orderengine.outbound.alerts.AlertStates;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Evaluates every {@link AlertRule} each {@code engine.alerts.interval} and, on a change, raises or clears the rule's
 * alert in {@link AlertStates} and notifies ({@link AlertNotifications}): a raised alert once per episode, a
 * recovery once when it clears. With several instances on one store ({@code engine.cluster.enabled}) only the holder
 * of the evaluator's lease evaluates (the lease passes to another instance when the holder stops renewing it); a
 * single instance evaluates without one (and writes nothing while nothing changes). The stored state makes a
 * restart or a change of evaluator go on where the last one left off. A rule that cannot be evaluated (a query
 * failing) keeps its state until the next run. Publishes {@code orderengine.alerts.active} (1 while raised) per rule.
 */
public class AlertEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

    private final AlertConditions conditions;
    private final AlertStates states;
    private final AlertNotifications notifications;
    private final AlertProperties properties;
    private final String instance;
    private final boolean clustered;
    private final Clock clock;
    private final Map<AlertRule, Boolean> active = new EnumMap<>(AlertRule.class);

    AlertEvaluator(
            AlertConditions conditions,
            AlertStates states,
            AlertNotifications notifications,
            AlertProperties properties,
            String instance,
            boolean clustered,
            Clock clock,
            MeterRegistry registry) {
        this.conditions = conditions;
        this.states = states;
        this.notifications = notifications;
        this.properties = properties;
        this.instance = instance;
        this.clustered = clustered;
        this.clock = clock;
        for (AlertRule rule : AlertRule.values()) {
            active.put(rule, false);
            Gauge.builder("orderengine.alerts.active", active, map -> map.get(rule) ? 1 : 0)
                    .description("1 while the engine's alert of this rule is raised (seen by the evaluating instance)")
                    .tag("rule", rule.name())
                    .register(registry);
        }
    }

    @Scheduled(
            initialDelayString = "${engine.alerts.interval:PT30S}",
            fixedDelayString = "${engine.alerts.interval:PT30S}")
    void scheduled() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            log.warn("alert rules not evaluated: {}", e.toString());
        }
    }

    /** Evaluates every rule now, if this instance is the evaluator. */
    public void evaluate() {
        if (clustered && !states.lead(instance, clock.instant(), properties.lease())) {
            return;
        }
        for (AlertRule rule : AlertRule.values()) {
            Optional<String> holds;
            try {
                holds = conditions.check(rule);
            } catch (RuntimeException e) {
                log.warn("alert rule {} not evaluated: {}", rule, e.toString());
                continue;
            }
            Instant now = clock.instant();
            Optional<Alert> changed =
                    holds.isPresent() ? states.raise(rule.name(), holds.get(), now) : states.clear(rule.name(), now);
            active.put(rule, holds.isPresent());
            changed.ifPresent(alert -> {
                if (alert.raised()) {
                    log.warn("alert raised: {} {} {}", rule, rule.message(), alert.detail());
                } else {
                    log.info("alert cleared: {} (raised {})", rule, alert.since());
                }
                try {
                    notifications.notify(alert, rule.message());
                } catch (RuntimeException e) {
                    // the transition is stored: the dashboard shows it; the notification is not tried again
                    log.error("alert {} not notified: {}", rule, e.toString());
                }
            });
        }
    }

    @PreDestroy
    void resign() {
        if (!clustered) {
            return;
        }
        try {
            states.resign(instance);
        } catch (RuntimeException e) {
            log.debug("evaluator lease not given up: {}", e.toString());
        }
    }
}
