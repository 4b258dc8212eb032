package io.orderengine.infrastructure.eventstore;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The tamper-evident event log ({@code engine.event-log.*}; docs/security.md, "A log that shows tampering").
 *
 * @param chainEnabled         whether the sealer chains stored events (only with the {@code global-sequence} engine)
 * @param sealInterval         how often the sealer looks for new events to chain
 * @param settle               how old a commit must be before its events are chained (a commit that meets a concurrent
 *                             change of an aggregate removes what it wrote right away)
 * @param sealWindow           positions the sealer reads at a time
 * @param lease                how long an instance holds the sealer's (and the verification's) lease without renewing
 * @param verificationInterval how often one instance verifies the whole chain, logs the head and sends the outbound
 *                             webhook {@code event_log.head}; {@code 0} turns the scheduled verification off
 */
@Validated
@ConfigurationProperties("engine.event-log")
public record EventLogProperties(
        @DefaultValue("true") boolean chainEnabled,
        @DefaultValue("2s") Duration sealInterval,
        @DefaultValue("2s") Duration settle,
        @Min(1) @DefaultValue("500") int sealWindow,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("1h") Duration verificationInterval) {}
