package io.orderengine.saga.payment.paypal;

/** JSON shaped like PayPal's documented Orders v2 and Payments v2 responses, for the fake PayPal API. */
final class PayPalJson {

    static final String ORDER_ID = "5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c";

    private PayPalJson() {}

    static String token() {
        return """
                {"scope": "https://uri.paypal.com/services/payments/payment", "access_token": "A21AAtest",
                 "token_type": "Bearer", "app_id": "APP-80W284485P519543T", "expires_in": 32400, "nonce": "n"}""";
    }

    static String createdOrder(String id) {
        return """
                {"id": "%s", "intent": "AUTHORIZE", "status": "CREATED",
                 "purchase_units": [{"reference_id": "%s", "custom_id": "%s",
                   "amount": {"currency_code": "EUR", "value": "67.50"}}],
                 "links": [
                   {"href": "https://api-m.paypal.com/v2/checkout/orders/%s", "rel": "self", "method": "GET"},
                   {"href": "https://www.paypal.com/checkoutnow?token=%s", "rel": "approve", "method": "GET"},
                   {"href": "https://api-m.paypal.com/v2/checkout/orders/%s/authorize", "rel": "authorize", "method": "POST"}]}
                """.formatted(id, ORDER_ID, ORDER_ID, id, id, id);
    }

    static String order(String id, String status, String payments) {
        return """
                {"id": "%s", "intent": "AUTHORIZE", "status": "%s",
                 "purchase_units": [{"reference_id": "%s", "custom_id": "%s",
                   "amount": {"currency_code": "EUR", "value": "67.50"}%s}],
                 "links": [{"href": "https://api-m.paypal.com/v2/checkout/orders/%s", "rel": "self", "method": "GET"}]}
                """.formatted(id, status, ORDER_ID, ORDER_ID, payments == null ? "" : ", \"payments\": " + payments, id);
    }

    static String authorizations(String status) {
        return """
                {"authorizations": [{"id": "AUTH-1", "status": "%s", "amount": {"currency_code": "EUR", "value": "67.50"},
                  "expiration_time": "2025-12-21T10:00:00Z", "custom_id": "%s"}]}""".formatted(status, ORDER_ID);
    }

    static String captured() {
        return """
                {"authorizations": [{"id": "AUTH-1", "status": "CAPTURED", "amount": {"currency_code": "EUR", "value": "67.50"},
                  "expiration_time": "2025-12-21T10:00:00Z"}],
                 "captures": [{"id": "CAP-1", "status": "COMPLETED", "amount": {"currency_code": "EUR", "value": "67.50"},
                  "final_capture": true, "custom_id": "%s"}],
                 "refunds": [{"id": "REF-1", "status": "COMPLETED", "amount": {"currency_code": "EUR", "value": "12.50"},
                  "invoice_id": "%s:refund:r-1"}]}""".formatted(ORDER_ID, ORDER_ID);
    }

    static String capture(String id, String status) {
        return """
                {"id": "%s", "status": "%s", "amount": {"currency_code": "EUR", "value": "67.50"}, "final_capture": true,
                 "custom_id": "%s", "links": [{"href": "https://api-m.paypal.com/v2/payments/captures/%s", "rel": "self", "method": "GET"}]}
                """.formatted(id, status, ORDER_ID, id);
    }

    static String refund(String id, String value) {
        return """
                {"id": "%s", "status": "COMPLETED", "amount": {"currency_code": "EUR", "value": "%s"},
                 "links": [{"href": "https://api-m.paypal.com/v2/payments/captures/CAP-1", "rel": "up", "method": "GET"}]}
                """.formatted(id, value);
    }

    static String error(String name, String issue) {
        return """
                {"name": "%s", "message": "The requested action could not be performed.",
                 "debug_id": "f1a2b3", "details": [{"issue": "%s", "description": "The instrument was declined."}]}
                """.formatted(name, issue);
    }
}
