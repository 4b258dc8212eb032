package io.orderengine.saga.reconciliation;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.PaymentGateways;
import io.orderengine.saga.payment.sandbox.SandboxPaymentGateway;
import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daily reconciliation's beans: the report store and the {@link Reconciliation} itself, which compares the
 * ledger with every configured gateway and, for the sandbox, also with the sandbox's own records of the day.
 * When and how it runs (schedule, admin endpoint) is the API's business.
 */
@Configuration(proxyBeanMethods = false)
public class ReconciliationConfiguration {

    @Bean
    ReconciliationReports reconciliationReports(MongoDatabase database) {
        return new ReconciliationReports(database);
    }

    @Bean
    Reconciliation reconciliation(
            PaymentLedger ledger,
            PaymentGateways gateways,
            SandboxPaymentGateway sandbox,
            ReconciliationReports reports,
            CommandGateway commands,
            ObjectProvider<Clock> clock) {
        return new Reconciliation(
                ledger,
                gateways,
                Map.of(PaymentMethod.SANDBOX, sandbox::paymentsMovedBetween),
                reports,
                commands,
                clock.getIfAvailable(Clock::systemUTC));
    }
}
