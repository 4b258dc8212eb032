package io.orderengine.api.admin.alerts;

import io.orderengine.api.engine.alerts.AlertRule;
import io.orderengine.outbound.alerts.Alert;
import io.orderengine.outbound.alerts.AlertStates;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The engine's alerts for the dashboard (admins only): {@code GET /api/v1/admin/alerts} →
 * {@code {"items":[{"rule","state":"RAISED"|"CLEARED","message","detail","since","clearedAt"}]}}, raised ones first
 * (latest start first), then the cleared ones with their last episode. A rule never raised is not listed.
 */
@RestController
class AlertsController {

    private final AlertStates states;

    AlertsController(AlertStates states) {
        this.states = states;
    }

    record AlertView(String rule, String state, String message, String detail, Instant since, Instant clearedAt) {
        static AlertView of(Alert alert) {
            String message = Arrays.stream(AlertRule.values())
                    .filter(rule -> rule.name().equals(alert.rule()))
                    .map(AlertRule::message)
                    .findFirst()
                    .orElse(alert.rule());
            return new AlertView(
                    alert.rule(), alert.state().name(), message, alert.detail(), alert.since(), alert.clearedAt());
        }
    }

    record AlertList(List<AlertView> items) {}

    @GetMapping("/api/v1/admin/alerts")
    AlertList alerts() {
        return new AlertList(states.all().stream().map(AlertView::of).toList());
    }
}
