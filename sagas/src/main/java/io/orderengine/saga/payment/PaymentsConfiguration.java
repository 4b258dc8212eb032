package io.orderengine.saga.payment;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.edit.BalancePayments;
import io.orderengine.saga.inbox.InboxPayloadProtection;
import io.orderengine.saga.inbox.InboxProperties;
import io.orderengine.saga.inbox.InboxRetries;
import io.orderengine.saga.inbox.PaymentNotificationHandler;
import io.orderengine.saga.inbox.WebhookInbox;
import io.orderengine.saga.ledger.PaymentLedger;
import io.orderengine.saga.payment.paypal.PayPalPaymentGateway;
import io.orderengine.saga.payment.paypal.PayPalReturnUrls;
import io.orderengine.saga.payment.paypal.PayPalReturns;
import io.orderengine.saga.payment.paypal.PayPalWebhookService;
import io.orderengine.saga.payment.sandbox.SandboxCheckout;
import io.orderengine.saga.payment.sandbox.SandboxPaymentGateway;
import io.orderengine.saga.payment.stripe.StripePaymentGateway;
import io.orderengine.saga.payment.stripe.StripeWebhookService;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The payment side of the engine: the gateways that are configured (each behind retries and a circuit breaker),
 * the ledger, the webhook inbox and the services the webhook and sandbox endpoints call. Stripe and PayPal exist
 * when their keys are set; the sandbox gateway always does. Needs a
 * {@link MongoDatabase} and Axon's {@link CommandGateway}; uses a {@link Clock} bean when there is one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PaymentsProperties.class, ShopSiteProperties.class})
@EnableScheduling
public class PaymentsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PaymentsConfiguration.class);

    @Bean
    PaymentLedger paymentLedger(MongoDatabase database, ObjectProvider<Clock> clock) {
        PaymentLedger ledger = new PaymentLedger(database, clockOf(clock));
        ledger.ensureIndexes();
        return ledger;
    }

    @Bean
    WebhookInbox webhookInbox(
            MongoDatabase database,
            ObjectProvider<Clock> clock,
            ObjectProvider<InboxProperties> properties,
            ObjectProvider<InboxPayloadProtection> protection) {
        // InboxProperties is bound by the application's @ConfigurationPropertiesScan; defaults without it
        WebhookInbox inbox = new WebhookInbox(
                database,
                clockOf(clock),
                properties.getIfAvailable(InboxProperties::defaults),
                protection.getIfAvailable(() -> InboxPayloadProtection.NONE));
        inbox.ensureIndexes();
        return inbox;
    }

    @Bean
    BalancePayments balancePayments(MongoDatabase database) {
        return new BalancePayments(database);
    }

    @Bean
    PaymentNotificationHandler paymentNotificationHandler(
            CommandGateway commandGateway, PaymentLedger ledger, BalancePayments balances) {
        return new PaymentNotificationHandler(commandGateway, ledger, balances);
    }

    /**
     * Always there, so sandbox payments of orders already placed can be cancelled and refunded whatever the settings;
     * whether checkout offers the sandbox (demo mode or {@code engine.payments.sandbox.enabled}) is the API's decision.
     */
    @Bean
    SandboxPaymentGateway sandboxPaymentGateway(MongoDatabase database, ObjectProvider<Clock> clock) {
        return new SandboxPaymentGateway(database, clockOf(clock));
    }

    @Bean
    SandboxCheckout sandboxCheckout(
            SandboxPaymentGateway gateway, WebhookInbox inbox, PaymentNotificationHandler notifications) {
        SandboxCheckout sandbox = new SandboxCheckout(gateway, inbox, notifications);
        inbox.register("sandbox", sandbox::replay);
        return sandbox;
    }

    @Bean
    @Conditional(PaymentsConditions.StripeConfigured.class)
    StripePaymentGateway stripePaymentGateway(PaymentsProperties properties) {
        return StripePaymentGateway.create(
                properties.stripe().secretKey(),
                properties.stripe().apiBase(),
                properties.resilience().timeoutMillis());
    }

    @Bean
    @Conditional(PaymentsConditions.PayPalConfigured.class)
    PayPalPaymentGateway payPalPaymentGateway(
            PaymentsProperties properties, ShopSiteProperties site, Environment environment) {
        PaymentsProperties.PayPal paypal = properties.paypal();
        if (site.publicBaseUrl() == null) {
            log.warn("engine.shop.public-base-url is not set: PayPal sends buyers back to http://localhost:<port>,"
                    + " which only works on this machine; set it to the shop's public address");
        }
        return PayPalPaymentGateway.create(
                paypal.clientId(),
                paypal.clientSecret(),
                paypal.baseUrl(),
                properties.resilience().timeoutMillis(),
                new PayPalReturnUrls(() -> publicBaseUrl(site, environment)));
    }

    /** The configured public address, else this engine on localhost (its port is known once the server runs). */
    static String publicBaseUrl(ShopSiteProperties site, Environment environment) {
        if (site.publicBaseUrl() != null) {
            return site.publicBaseUrl();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return "http://localhost:" + port;
    }

    @Bean
    @Conditional(PaymentsConditions.PayPalConfigured.class)
    PayPalReturns payPalReturns(PaymentGateways gateways, PaymentNotificationHandler notifications) {
        return new PayPalReturns(gateways, notifications);
    }

    @Bean
    PaymentGateways paymentGateways(ObjectProvider<PaymentGateway> gateways, PaymentsProperties properties) {
        ResilientPaymentGateway.Policy policy = properties.resilience().policy();
        PaymentGateways configured = new PaymentGateways(gateways.orderedStream()
                .map(gateway -> (PaymentGateway) new ResilientPaymentGateway(gateway, policy))
                .toList());
        log.info("payment providers offered: {}", configured.methods());
        return configured;
    }

    /** What the checkout saga calls for every gateway step (it never calls a gateway itself). */
    @Bean
    PaymentParticipant paymentParticipant(PaymentGateways gateways, PaymentLedger ledger) {
        return new PaymentParticipant(gateways, ledger);
    }

    @Bean
    PaymentActions paymentActions(PaymentGateways gateways) {
        return new PaymentActions(gateways);
    }

    @Bean
    @Conditional(PaymentsConditions.StripeWebhooksConfigured.class)
    StripeWebhookService stripeWebhookService(
            PaymentsProperties properties,
            PaymentGateways gateways,
            WebhookInbox inbox,
            PaymentNotificationHandler notifications,
            ObjectProvider<Clock> clock) {
        StripeWebhookService stripe = new StripeWebhookService(
                properties.stripe().webhookSecret(),
                gateways.gateway(PaymentMethod.STRIPE),
                inbox,
                notifications,
                clockOf(clock));
        inbox.register("stripe", stripe::replay);
        return stripe;
    }

    @Bean
    @Conditional(PaymentsConditions.PayPalWebhooksConfigured.class)
    PayPalWebhookService payPalWebhookService(
            PaymentsProperties properties,
            PaymentLedger ledger,
            WebhookInbox inbox,
            PaymentNotificationHandler notifications) {
        PaymentsProperties.PayPal paypal = properties.paypal();
        PayPalWebhookService service = PayPalWebhookService.create(
                paypal.clientId(),
                paypal.clientSecret(),
                paypal.baseUrl(),
                paypal.webhookId(),
                ledger,
                inbox,
                notifications);
        inbox.register("paypal", service::replay);
        return service;
    }

    @Bean
    InboxCleanup inboxCleanup(WebhookInbox inbox) {
        return new InboxCleanup(inbox);
    }

    @Bean
    InboxRetries inboxRetries(WebhookInbox inbox) {
        return new InboxRetries(inbox);
    }

    static Clock clockOf(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }

    /** Deletes inbox entries past their retention (90 days) where the store ignores TTL indexes (the embedded server). */
    static final class InboxCleanup {

        private final WebhookInbox inbox;

        InboxCleanup(WebhookInbox inbox) {
            this.inbox = inbox;
        }

        @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
        void purge() {
            long purged = inbox.purgeExpired();
            if (purged > 0) {
                log.info("purged {} webhook inbox entries older than {}", purged, inbox.retention());
            }
        }
    }
}
