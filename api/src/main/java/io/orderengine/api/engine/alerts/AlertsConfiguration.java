package io.orderengine.api.engine.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderengine.api.engine.observability.ProcessorLag;
import io.orderengine.api.engine.observability.ProcessorsHealthIndicator;
import io.orderengine.infrastructure.cluster.ClusterMembership;
import io.orderengine.outbound.alerts.AlertNotifications;
import io.orderengine.outbound.alerts.AlertProperties;
import io.orderengine.outbound.alerts.AlertStates;
import io.orderengine.saga.reconciliation.ReconciliationReports;
import java.time.Clock;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The engine's own alerts (docs/operations.md, "Alerts"). */
@Configuration(proxyBeanMethods = false)
public class AlertsConfiguration {

    @Bean
    AlertEvaluator alertEvaluator(
            QueryGateway queries,
            ProcessorsHealthIndicator processors,
            ProcessorLag lag,
            ReconciliationReports reconciliations,
            AlertStates states,
            AlertNotifications notifications,
            AlertProperties properties,
            ClusterMembership membership,
            Clock clock,
            MeterRegistry registry,
            @Value("#{${engine.cluster.enabled:false} or ${engine.cluster.balance-segments:false}}")
                    boolean clustered) {
        return new AlertEvaluator(
                new AlertConditions(queries, processors, lag, reconciliations, clock),
                states,
                notifications,
                properties,
                membership.instanceId(),
                clustered,
                clock,
                registry);
    }
}
