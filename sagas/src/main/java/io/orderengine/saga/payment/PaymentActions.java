package io.orderengine.saga.payment;

import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the customer's browser needs to pay, at the moment the order is read. For Stripe that is the PaymentIntent's
 * client secret, read from Stripe each time and never stored in events or read models; other providers' actions
 * are shown as stored. When Stripe cannot be reached the stored action is shown, without a secret.
 */
public class PaymentActions {

    private static final Logger log = LoggerFactory.getLogger(PaymentActions.class);

    private final PaymentGateways gateways;

    public PaymentActions(PaymentGateways gateways) {
        this.gateways = gateways;
    }

    public PaymentAction forCustomer(PaymentMethod provider, String paymentReference, PaymentAction stored) {
        if (provider != PaymentMethod.STRIPE || paymentReference == null || !gateways.offers(PaymentMethod.STRIPE)) {
            return stored;
        }
        try {
            String clientSecret = gateways.gateway(PaymentMethod.STRIPE)
                    .retrieve(paymentReference)
                    .clientSecret();
            return new PaymentAction("stripe", null, clientSecret);
        } catch (PaymentGatewayException e) {
            // Reading the order must not fail because Stripe is down; the browser asks again for the secret.
            log.warn("no client secret for payment {}: {}", paymentReference, e.getMessage());
            return stored;
        }
    }
}
