package io.orderengine.saga.payment.stripe;

/** JSON shaped like Stripe's documented API objects, for the fake Stripe API. */
final class StripeJson {

    static final long CAPTURE_BEFORE = 1764410400L;

    private StripeJson() {}

    static String paymentIntent(String id, String status, String chargeId) {
        String charge = chargeId == null ? "null" : """
                {"id": "%s", "object": "charge", "amount": 6750, "currency": "eur", "payment_intent": "%s",
                 "payment_method_details": {"type": "card", "card": {"brand": "visa", "last4": "4242",
                   "capture_before": %d}}}""".formatted(chargeId, id, CAPTURE_BEFORE);
        boolean captured = "succeeded".equals(status);
        return """
                {"id": "%s", "object": "payment_intent", "amount": 6750, "amount_capturable": %d,
                 "amount_received": %d, "currency": "eur", "capture_method": "manual", "status": "%s",
                 "client_secret": "%s_secret_abc", "livemode": false, "last_payment_error": null,
                 "metadata": {"order_id": "%s", "order_number": "ORD-20251122-000001"},
                 "latest_charge": %s}""".formatted(
                        id,
                        "requires_capture".equals(status) ? 6750 : 0,
                        captured ? 6750 : 0,
                        status,
                        id,
                        StripePaymentGatewayTest.ORDER.value(),
                        charge);
    }

    static String refund(String id, long amount, String refundKey) {
        return """
                {"id": "%s", "object": "refund", "amount": %d, "currency": "eur", "payment_intent": "pi_1",
                 "charge": "ch_1", "status": "succeeded", "metadata": {%s}}""".formatted(id, amount, refundKey == null ? "" : "\"refund_key\": \"" + refundKey + "\"");
    }

    static String refundList(String... refunds) {
        return """
                {"object": "list", "url": "/v1/refunds", "has_more": false, "data": [%s]}""".formatted(String.join(",", refunds));
    }

    static String error(String type, String code, String message) {
        return """
                {"error": {"type": "%s", "code": %s, "message": "%s"}}""".formatted(type, code == null ? "null" : "\"" + code + "\"", message);
    }
}
