package io.orderengine.api.reliability.fuzz;

import static io.orderengine.api.reliability.fuzz.HostileValues.NODES;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Requests broken in exactly one way that issue #17 found accepted or answered 500, each with the one status the
 * refusal must have (400): a key given twice, a fractional number where a whole one belongs, an invisible or bidi
 * character in a free-text field, a page or size out of range.
 */
final class StrictInputRequests {

    /** Characters that are invisible or reorder text (bidi controls and marks, Cf, controls, U+2028, a tag). */
    static final List<String> INVISIBLE = List.of(
            "\u202E",
            "\u202A",
            "\u202B",
            "\u202C",
            "\u202D",
            "\u2066",
            "\u2067",
            "\u2068",
            "\u2069",
            "\u200E",
            "\u200F",
            "\u061C",
            "\u200B",
            "\uFEFF",
            "\u00AD",
            "\u2060",
            "\u0000",
            "\u001B",
            "\u2028",
            "\u2029",
            "\uDB40\uDC01");

    /** Numbers with a fraction, or in a floating-point spelling, where a whole number belongs. */
    static final List<String> FRACTIONS = List.of("1.5", "0.5", "1.0", "2e0", "1.000001", "10.99", "1E1");

    /** Page and size values every paged list must refuse. */
    static final List<String> BAD_PAGES = List.of(
            "page=2147483647",
            "page=107374182&size=20",
            "page=-1",
            "page=1.5",
            "page=99999999999",
            "page=%D9%A3",
            "page=abc",
            "size=0",
            "size=501",
            "size=2147483647",
            "size=-1",
            "size=2.0");

    private static final List<String> LISTS = List.of(
            "/api/v1/skus",
            "/api/v1/orders",
            "/api/v1/admin/skus",
            "/api/v1/admin/skus/low-stock",
            "/api/v1/admin/orders",
            "/api/v1/admin/dead-letters",
            "/api/v1/admin/sagas",
            "/api/v1/admin/webhooks");

    private final HostileValues values;
    private final HostileRequests.Targets targets;
    private final HostileRequests requests;

    StrictInputRequests(HostileValues values, HostileRequests.Targets targets, HostileRequests requests) {
        this.values = values;
        this.targets = targets;
        this.requests = requests;
    }

    Probe duplicateKeys() {
        return switch (values.nextInt(5)) {
            case 0 -> checkout(duplicate(write(requests.validCheckout()), "{", "\"email\":\"other@example.com\","));
            case 1 ->
                checkout(duplicate(write(requests.validCheckout()), "\"shippingAddress\":{", "\"country\":\"DE\","));
            case 2 -> admin("POST", "/api/v1/admin/skus", duplicate(write(sku()), "{", "\"priceMinor\":1,"));
            case 3 ->
                admin(
                        "POST",
                        "/api/v1/admin/orders/" + targets.guestOrderId() + "/notes",
                        "{\"note\":\"a\",\"note\":\"b\"}");
            default ->
                admin(
                        "POST",
                        "/api/v1/admin/webhooks",
                        "{\"url\":\"http://127.0.0.1:9/a\",\"url\":\"http://10.0.0.1/\",\"eventTypes\":[\"stock.low\"]}");
        };
    }

    Probe fractionalNumbers() {
        String fraction = values.pick(FRACTIONS);
        return switch (values.nextInt(4)) {
            case 0 -> {
                String body = write(requests.validCheckout()).replace("\"quantity\":1", "\"quantity\":" + fraction);
                yield checkout(body);
            }
            case 1 ->
                admin(
                        "POST",
                        "/api/v1/admin/skus",
                        write(sku()).replace("\"priceMinor\":1000", "\"priceMinor\":" + fraction));
            case 2 ->
                admin(
                        "POST",
                        "/api/v1/admin/skus/" + values.pick(targets.skus()) + "/stock",
                        "{\"delta\":" + fraction + ",\"reason\":\"fuzz\"}");
            default ->
                admin(
                        "POST",
                        "/api/v1/admin/orders/" + targets.guestOrderId() + "/refunds",
                        "{\"amountMinor\":" + fraction + ",\"reason\":\"fuzz\"}");
        };
    }

    Probe invisibleCharacters() {
        String character = values.pick(INVISIBLE);
        String text = values.chance(50) ? "Noa" + character + "Cohen" : character + "x";
        return switch (values.nextInt(7)) {
            case 0 -> {
                ObjectNode body = requests.validCheckout();
                ((ObjectNode) body.get("shippingAddress"))
                        .put(values.pick(List.of("fullName", "line1", "line2", "city", "region", "postalCode")), text);
                yield checkout(write(body));
            }
            case 1 -> {
                ObjectNode body = requests.validCheckout();
                body.put("notes", text);
                yield checkout(write(body));
            }
            case 2 -> {
                ObjectNode body = requests.validCheckout();
                body.put("email", "fuzz" + character + "@example.com");
                yield checkout(write(body));
            }
            case 3 -> {
                ObjectNode body = sku();
                body.put("name", text);
                yield admin("POST", "/api/v1/admin/skus", write(body));
            }
            case 4 ->
                admin(
                        "PATCH",
                        "/api/v1/admin/skus/" + values.pick(targets.skus()),
                        write(NODES.objectNode().put("name", text)));
            case 5 ->
                admin(
                        "POST",
                        "/api/v1/admin/orders/" + targets.guestOrderId() + "/notes",
                        write(NODES.objectNode().put("note", text)));
            default ->
                admin(
                        "POST",
                        "/api/v1/admin/webhooks",
                        write(NODES.objectNode()
                                .put("url", "https://erp.example/" + text)
                                .set("eventTypes", NODES.arrayNode().add("stock.low"))));
        };
    }

    Probe pageNumbers() {
        String list = values.pick(LISTS);
        if (values.chance(15)) {
            list = "/api/v1/admin/webhooks/" + UUID.randomUUID() + "/deliveries";
        }
        String token = list.startsWith("/api/v1/admin") ? targets.admin() : targets.customer();
        Map<String, String> headers = new HashMap<>();
        if (!list.equals("/api/v1/skus")) {
            headers.put("Authorization", "Bearer " + token);
        }
        return new Probe("strict-page", "GET", list + "?" + values.pick(BAD_PAGES), null, headers, true, 400);
    }

    private ObjectNode sku() {
        ObjectNode body = NODES.objectNode();
        body.put("sku", "FZS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase());
        body.put("name", "Strict fuzz");
        body.put("priceMinor", 1000);
        body.put("currency", "EUR");
        return body;
    }

    private static String duplicate(String json, String after, String member) {
        int at = json.indexOf(after);
        if (at < 0) {
            throw new IllegalStateException("no " + after + " in " + json);
        }
        return json.substring(0, at + after.length()) + member + json.substring(at + after.length());
    }

    private static Probe checkout(String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Idempotency-Key", UUID.randomUUID().toString());
        return new Probe("strict-checkout", "POST", "/api/v1/checkout", body, headers, true, 400);
    }

    private Probe admin(String method, String path, String body) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer " + targets.admin());
        return new Probe("strict-admin", method, path, body, headers, true, 400);
    }

    private static String write(com.fasterxml.jackson.databind.JsonNode node) {
        return HostileRequests.write(node);
    }
}
