package io.orderengine.api.engine.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The {@code processors} health contributor (in the readiness group): this instance is not ready while one of its
 * event processors is in error, is still catching up after start (it holds segments and has not yet been within
 * {@code engine.health.processors.max-lag} events of the head since this process started), or has been further behind
 * than that for longer than {@code engine.health.processors.grace}. A processor holding no segment (still starting, or
 * all its segments held by other instances) is not behind in this instance. Admins see each processor's figures.
 */
public class ProcessorsHealthIndicator extends AbstractHealthIndicator {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private final ProcessorLag lag;
    private final ProcessorHealthProperties properties;
    private final Clock clock;

    public ProcessorsHealthIndicator(ProcessorLag lag, ProcessorHealthProperties properties, Clock clock) {
        super("processors health check failed");
        this.lag = lag;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Instant now = clock.instant();
        boolean ready = true;
        Map<String, Object> groups = new TreeMap<>();
        for (ProcessorLag.GroupLag group : lag.current(FRESH)) {
            String state = state(group, now);
            ready &= state.equals("ok");
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("state", state);
            details.put("segmentsHeld", group.segmentsHeld());
            details.put("eventsBehind", group.eventsBehind());
            details.put("secondsBehind", group.secondsBehind());
            if (group.errorDetail() != null) {
                details.put("error", group.errorDetail());
            }
            groups.put(group.group(), details);
        }
        builder.status(ready ? "UP" : "DOWN")
                .withDetail("maxLag", properties.maxLag())
                .withDetail("grace", properties.grace().toString())
                .withDetail("processors", groups);
    }

    /**
     * Each processor's state as the health check sees it now ({@code ok}, {@code error}, {@code catching-up},
     * {@code behind}), by processing group.
     */
    public Map<String, String> states() {
        Instant now = clock.instant();
        Map<String, String> states = new TreeMap<>();
        lag.current(FRESH).forEach(group -> states.put(group.group(), state(group, now)));
        return states;
    }

    private String state(ProcessorLag.GroupLag group, Instant now) {
        if (group.error()) {
            return "error";
        }
        if (group.segmentsHeld() > 0 && !group.caughtUpOnce()) {
            return "catching-up";
        }
        if (group.overMaxLagSince() != null
                && Duration.between(group.overMaxLagSince(), now).compareTo(properties.grace()) > 0) {
            return "behind";
        }
        return "ok";
    }
}
