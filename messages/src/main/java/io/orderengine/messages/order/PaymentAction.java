package io.orderengine.messages.order;

/** What the client must do to pay: {@code type} is sandbox, stripe or paypal; {@code url} is where to go or post (sandbox confirm URL, PayPal approve URL); {@code clientSecret} is for Stripe.js, and is never stored in events or read models (it is fetched from Stripe when the order is read). */
public record PaymentAction(String type, String url, String clientSecret) {}
