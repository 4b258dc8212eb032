package io.orderengine.saga.payment;

import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;

/**
 * What the customer's browser needs to pay, at the moment the order is read. For Stripe that is the PaymentIntent's
 * client secret, read from Stripe each time and never stored in events or read models; other providers' actions
 * are shown as stored.
 */
public class PaymentActions {

    private final PaymentGateways gateways;

    public PaymentActions(PaymentGateways gateways) {
        this.gateways = gateways;
    }

    public PaymentAction forCustomer(PaymentMethod provider, String paymentReference, PaymentAction stored) {
        if (provider != PaymentMethod.STRIPE || paymentReference == null || !gateways.offers(PaymentMethod.STRIPE)) {
            return stored;
        }
        String clientSecret = gateways.gateway(PaymentMethod.STRIPE).retrieve(paymentReference).clientSecret();
        return new PaymentAction("stripe", null, clientSecret);
    }
}
