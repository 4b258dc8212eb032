package io.orderengine.api.reliability.fuzz;

import static io.orderengine.api.reliability.fuzz.HostileValues.NODES;
import static io.orderengine.api.reliability.fuzz.HostileValues.encode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderengine.messages.common.SkuCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Generates hostile requests for every endpoint: for each, a valid request is built and then broken in at least one
 * way the API must refuse (wrong types, operator objects, edge numbers, negative quantities, unknown fields, missing
 * fields, oversize strings, traversal in path ids, malformed JSON, wrong methods and media types, missing or bad
 * credentials); some free-text fields get hostile but legal text on top. Reads get hostile ids and parameters.
 * Operations listed by {@code /v3/api-docs} are also probed generically, so an endpoint added later is covered too.
 */
final class HostileRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the generator may aim at: tokens, and the fixtures' ids (never used in a way that could be accepted). */
    record Targets(
            String admin,
            String customer,
            String otherCustomer,
            String guestOrderId,
            String guestToken,
            String sandboxReference,
            String customerOrderId,
            List<String> skus,
            List<ApiOperation> operations) {}

    /** One operation from the OpenAPI description: method, path template, whether it takes a body. */
    record ApiOperation(String method, String path, boolean hasBody) {}

    private final HostileValues values;
    private final Targets targets;
    private final List<Supplier<Probe>> generators = new ArrayList<>();
    private int sequence;

    HostileRequests(HostileValues values, Targets targets) {
        this.values = values;
        this.targets = targets;
        add(6, this::checkout);
        add(3, this::registerSku);
        add(2, this::stock);
        add(2, this::patchSku);
        add(2, this::readSkus);
        add(3, this::readOrder);
        add(3, this::cancelOrder);
        add(2, this::adminOrderSearch);
        add(2, this::adminOrderRead);
        add(2, this::adminOrderStatus);
        add(2, this::adminRefund);
        add(2, this::adminNote);
        add(2, this::adminReads);
        add(2, this::adminActions);
        add(2, this::sandboxDecision);
        add(1, this::providerWebhook);
        add(1, this::devToken);
        add(1, this::wrongMethodOrMediaType);
        add(4, this::generic);
        StrictInputRequests strict = new StrictInputRequests(values, targets, this);
        add(2, strict::duplicateKeys);
        add(2, strict::fractionalNumbers);
        add(2, strict::invisibleCharacters);
        add(2, strict::pageNumbers);
    }

    private void add(int weight, Supplier<Probe> generator) {
        for (int i = 0; i < weight; i++) {
            generators.add(generator);
        }
    }

    Probe next() {
        sequence++;
        return values.pick(generators).get();
    }

    // ---- checkout

    private Probe checkout() {
        Map<String, String> headers = new HashMap<>();
        if (values.chance(95)) {
            headers.put("Idempotency-Key", UUID.randomUUID().toString());
        } else if (values.chance(50)) {
            headers.put("Idempotency-Key", "k".repeat(256 + values.nextInt(2000)));
        }
        if (values.chance(15)) {
            headers.put("Authorization", "Bearer " + targets.customer());
        }
        if (values.chance(10)) {
            return post("checkout", "/api/v1/checkout", values.pick(HostileValues.malformedBodies()), headers);
        }
        ObjectNode body = validCheckout();
        for (int i = values.nextInt(3); i > 0; i--) {
            values.pick(checkoutTexts()).accept(body);
        }
        for (int i = 1 + values.nextInt(2); i > 0; i--) {
            values.pick(checkoutBreakers()).accept(body);
        }
        return post("checkout", "/api/v1/checkout", write(body), headers);
    }

    ObjectNode validCheckout() {
        ObjectNode body = NODES.objectNode();
        body.set("items", NODES.arrayNode().add(item(values.pick(targets.skus()), 1)));
        body.put("email", "fuzz@example.com");
        body.set("shippingAddress", address());
        body.putNull("billingAddress");
        body.put("paymentMethod", "sandbox");
        body.put("currency", "EUR");
        body.putNull("discountCode");
        body.putNull("notes");
        return body;
    }

    private static ObjectNode item(String sku, int quantity) {
        ObjectNode item = NODES.objectNode();
        item.put("sku", sku);
        item.put("quantity", quantity);
        return item;
    }

    private static ObjectNode address() {
        ObjectNode address = NODES.objectNode();
        address.put("fullName", "Noa Cohen");
        address.put("phone", "+972501112233");
        address.put("line1", "5 Rothschild Blvd");
        address.putNull("line2");
        address.put("city", "Tel Aviv");
        address.putNull("region");
        address.put("postalCode", "6688101");
        address.put("country", "IL");
        return address;
    }

    /** Changes every one of which makes a checkout invalid. */
    private List<Consumer<ObjectNode>> checkoutBreakers() {
        return List.of(
                body -> body.set(
                        "items",
                        values.chance(50)
                                ? NODES.arrayNode()
                                : values.json(2).isArray() ? NODES.textNode("items") : values.json(2)),
                body -> firstItem(body)
                        .set(
                                "quantity",
                                values.pick(List.of(
                                        NODES.numberNode(-1),
                                        NODES.numberNode(0),
                                        NODES.numberNode(1001),
                                        NODES.numberNode(-2147483648),
                                        NODES.numberNode(2147483648L),
                                        NODES.numberNode(new java.math.BigDecimal("1e400")),
                                        NODES.numberNode(new java.math.BigDecimal("0.5")),
                                        NODES.textNode("abc"),
                                        values.operator(),
                                        NODES.arrayNode(),
                                        NODES.nullNode()))),
                body -> firstItem(body)
                        .set(
                                "sku",
                                values.chance(30)
                                        ? values.notAString()
                                        : NODES.textNode(values.chance(50) ? notASkuCode() : "NOPE-" + sequence)),
                body -> firstItem(body).put("$where", "1"),
                body -> firstItem(body).put("quantity", -5),
                body -> body.set(
                        "email",
                        values.chance(50)
                                ? values.notAString()
                                : NODES.textNode(values.pick(List.of(
                                        "not-an-email",
                                        "a@",
                                        "@b.c",
                                        "x".repeat(250) + "@example.com",
                                        "a b@example.com",
                                        "\"<script>\"@")))),
                body -> body.set(
                        "shippingAddress",
                        values.pick(
                                List.of(NODES.nullNode(), NODES.textNode("IL"), NODES.arrayNode(), values.operator()))),
                body -> address(body)
                        .set(
                                "country",
                                values.pick(List.of(
                                        NODES.textNode("ZZZ"),
                                        NODES.textNode("il"),
                                        NODES.nullNode(),
                                        NODES.textNode("../"),
                                        values.operator()))),
                body -> address(body).put("fullName", values.chance(50) ? "" : "f".repeat(201)),
                body -> address(body).put("phone", values.pick(List.of("abc", "1", "+".repeat(40)))),
                body -> address(body).put(values.pick(HostileValues.KEYS), "1"),
                body -> body.set(
                        "paymentMethod",
                        values.pick(List.of(
                                NODES.textNode("bitcoin"),
                                NODES.textNode("SANDBOX"),
                                NODES.textNode("stripe"),
                                NODES.textNode("paypal"),
                                NODES.nullNode(),
                                values.operator()))),
                body -> body.set(
                        "currency",
                        values.pick(List.of(
                                NODES.textNode("EURO"),
                                NODES.textNode("eur"),
                                NODES.textNode("USD"),
                                NODES.textNode("XXX"),
                                NODES.textNode("€"),
                                NODES.nullNode(),
                                values.operator()))),
                body -> body.put("discountCode", values.pick(List.of("$where", "a b", "x".repeat(33), "'--", "../"))),
                body -> body.put("notes", "n".repeat(1001 + values.nextInt(5000))),
                body -> body.set(values.pick(HostileValues.KEYS), values.json(2)),
                body -> body.remove(values.pick(List.of("items", "shippingAddress", "paymentMethod", "currency"))));
    }

    /**
     * Hostile text in free-text fields (some of it, such as bidi controls, is refused on its own now); always applied
     * before the breakers, so it never mends one.
     */
    private List<Consumer<ObjectNode>> checkoutTexts() {
        return List.of(
                body -> body.put("notes", truncate(values.string(), 1000)),
                body -> address(body).put("line2", truncate(values.string(), 200)),
                body -> address(body).put("city", truncate(values.string() + "x", 100)),
                body -> address(body).put("fullName", truncate(values.string() + "x", 200)));
    }

    /** The shipping address to change, or a detached copy when a breaker already replaced it (so it stays broken). */
    private static ObjectNode address(ObjectNode body) {
        return body.get("shippingAddress") instanceof ObjectNode address ? address : NODES.objectNode();
    }

    private static ObjectNode firstItem(ObjectNode body) {
        JsonNode items = body.get("items");
        if (items instanceof ArrayNode array && !array.isEmpty() && array.get(0) instanceof ObjectNode item) {
            return item;
        }
        ObjectNode item = NODES.objectNode();
        body.set("items", NODES.arrayNode().add(item));
        return item;
    }

    // ---- catalogue

    private Probe registerSku() {
        ObjectNode body = NODES.objectNode();
        body.put("sku", "FZ-" + sequence);
        body.put("name", "Fuzz " + sequence);
        body.put("priceMinor", 1000);
        body.put("currency", "EUR");
        body.put("lowStockThreshold", 1);
        body.set("attributes", NODES.objectNode().put("color", "red"));
        body.putNull("imageUrl");
        List<Consumer<ObjectNode>> breakers = List.of(
                b -> b.set("sku", values.chance(30) ? values.notAString() : NODES.textNode(notASkuCode())),
                b -> b.put("sku", values.pick(targets.skus())),
                b -> b.set(
                        "priceMinor",
                        values.pick(List.of(
                                NODES.numberNode(-1),
                                NODES.numberNode(100_000_000_001L),
                                NODES.textNode("abc"),
                                NODES.numberNode(new java.math.BigDecimal("1e400")),
                                values.operator(),
                                NODES.nullNode(),
                                NODES.numberNode(new java.math.BigInteger("99999999999999999999"))))),
                b -> b.set(
                        "currency",
                        values.pick(List.of(
                                NODES.textNode("EURO"),
                                NODES.textNode("ZZZ"),
                                NODES.nullNode(),
                                NODES.textNode("€€€"),
                                values.operator()))),
                b -> b.set(
                        "name",
                        values.pick(List.of(
                                NODES.textNode(""),
                                NODES.nullNode(),
                                NODES.textNode("n".repeat(201)),
                                values.operator()))),
                b -> b.set(
                        "lowStockThreshold",
                        values.pick(List.of(NODES.numberNode(-1), NODES.numberNode(1_000_001), NODES.textNode("x")))),
                b -> b.set(
                        "attributes",
                        values.pick(List.of(
                                manyAttributes(),
                                NODES.objectNode().put("", "x"),
                                NODES.objectNode().set("k", values.operator()),
                                NODES.objectNode().put("k".repeat(41), "v"),
                                NODES.objectNode().put("k", "v".repeat(201)),
                                NODES.textNode("str"),
                                NODES.arrayNode()))),
                b -> b.put(
                        "imageUrl",
                        values.pick(List.of(
                                "javascript:alert(1)",
                                "data:text/html,<script>",
                                "http://x y",
                                "u".repeat(2001),
                                "file:///etc/passwd",
                                "ftp://example.com/a.png"))),
                b -> b.set(values.pick(HostileValues.KEYS), values.json(1)));
        if (values.chance(30)) {
            body.put("name", truncate(values.string() + "n", 200));
        }
        values.pick(breakers).accept(body);
        return post("sku-register", "/api/v1/admin/skus", write(body), admin());
    }

    private ObjectNode manyAttributes() {
        ObjectNode attributes = NODES.objectNode();
        for (int i = 0; i < 21; i++) {
            attributes.put("k" + i, "v");
        }
        return attributes;
    }

    private Probe stock() {
        ObjectNode body = NODES.objectNode();
        body.put("delta", 5);
        body.put("reason", "received");
        String sku;
        if (values.chance(30)) {
            sku = values.chance(50) ? values.segment() : "NOPE-" + sequence;
            if (values.chance(50)) {
                body.set("delta", values.json(1));
            }
        } else {
            sku = values.pick(targets.skus());
            List<Consumer<ObjectNode>> breakers = List.of(
                    b -> b.set(
                            "delta",
                            values.pick(List.of(
                                    NODES.numberNode(0),
                                    NODES.numberNode(1_000_001),
                                    NODES.numberNode(-1_000_001),
                                    NODES.numberNode(-5000),
                                    NODES.textNode("x"),
                                    NODES.nullNode(),
                                    NODES.numberNode(new java.math.BigDecimal("1e400")),
                                    values.operator()))),
                    b -> b.set(
                            "reason",
                            values.pick(List.of(
                                    NODES.textNode(""),
                                    NODES.nullNode(),
                                    NODES.textNode("r".repeat(201)),
                                    values.operator()))),
                    b -> b.set(values.pick(HostileValues.KEYS), values.json(1)));
            values.pick(breakers).accept(body);
        }
        return post("sku-stock", "/api/v1/admin/skus/" + sku + "/stock", write(body), admin());
    }

    private Probe patchSku() {
        ObjectNode body = NODES.objectNode();
        String sku;
        if (values.chance(25)) {
            sku = values.chance(50) ? values.segment() : "NOPE-" + sequence;
            body.put("name", "renamed");
        } else {
            sku = values.pick(targets.skus());
            if (values.chance(50)) {
                body.put("name", "renamed");
            }
            List<Consumer<ObjectNode>> breakers = List.of(
                    b -> b.put("name", ""),
                    b -> b.put("priceMinor", -1),
                    b -> b.set("priceMinor", NODES.numberNode(new java.math.BigInteger("99999999999999999999"))),
                    b -> b.put("currency", "eu"),
                    b -> b.set(
                            "active",
                            values.pick(List.of(NODES.textNode("maybe"), values.operator(), NODES.arrayNode()))),
                    b -> b.put("lowStockThreshold", -1),
                    b -> b.set("attributes", manyAttributes()),
                    b -> b.put("imageUrl", "javascript:alert(1)"),
                    b -> b.set(values.pick(HostileValues.KEYS), values.json(1)));
            values.pick(breakers).accept(body);
        }
        return send("sku-patch", "PATCH", "/api/v1/admin/skus/" + sku, write(body), admin(), true);
    }

    private Probe readSkus() {
        if (values.chance(50)) {
            return get("sku-read", "/api/v1/admin/skus/" + values.segment(), admin());
        }
        return get("sku-read", "/api/v1/skus?" + params("page", "size"), none());
    }

    // ---- orders as customers see them

    private Probe readOrder() {
        String id = values.pick(List.of(
                values.segment(), UUID.randomUUID().toString(), targets.guestOrderId(), targets.customerOrderId()));
        String query = values.chance(60)
                ? "?token="
                        + encode(
                                values.chance(50)
                                        ? values.string()
                                        : UUID.randomUUID().toString())
                : "";
        Map<String, String> headers = values.chance(30) ? bearer(targets.otherCustomer()) : none();
        int kind = values.nextInt(4);
        if (kind == 0) {
            return get("order-read", "/api/v1/orders?" + params("status", "page", "size"), bearer(targets.customer()));
        }
        if (kind == 1) {
            return get("order-read", "/api/v1/orders/" + id + "/invoice" + query, headers);
        }
        if (kind == 2) {
            return get("order-read", "/api/v1/orders/" + values.segment() + "/stream", headers);
        }
        return get("order-read", "/api/v1/orders/" + id + query, headers);
    }

    private Probe cancelOrder() {
        ObjectNode body = NODES.objectNode().put("reason", "changed my mind");
        String path;
        Map<String, String> headers = none();
        switch (values.nextInt(4)) {
            case 0 ->
                path = "/api/v1/orders/" + targets.guestOrderId() + "/cancel?token="
                        + encode(
                                values.chance(50)
                                        ? values.string()
                                        : UUID.randomUUID().toString());
            case 1 -> {
                path = "/api/v1/orders/" + targets.guestOrderId() + "/cancel?token=" + targets.guestToken();
                body.set(
                        "reason",
                        values.pick(List.of(
                                NODES.textNode(""),
                                NODES.nullNode(),
                                NODES.textNode("r".repeat(501)),
                                values.operator(),
                                NODES.arrayNode())));
                if (values.chance(30)) {
                    body.set(values.pick(HostileValues.KEYS), values.json(1));
                }
            }
            case 2 -> {
                path = "/api/v1/orders/" + targets.customerOrderId() + "/cancel";
                headers = bearer(targets.otherCustomer());
            }
            default -> path = "/api/v1/orders/" + values.segment() + "/cancel";
        }
        return post("order-cancel", path, write(body), headers);
    }

    // ---- admin orders

    private Probe adminOrderSearch() {
        return get(
                "admin-order-search",
                "/api/v1/admin/orders?"
                        + params(
                                "status",
                                "paymentStatus",
                                "from",
                                "to",
                                "q",
                                "sort",
                                "page",
                                "size",
                                "includeArchived"),
                admin());
    }

    private Probe adminOrderRead() {
        String id = values.pick(List.of(values.segment(), UUID.randomUUID().toString(), targets.guestOrderId()));
        String suffix = values.pick(List.of(
                "", "/audit", "?asOf=" + encode(values.string()), "?asOf=1970-01-01", "?asOf=9999-12-31T23:59:59Z"));
        return get("admin-order-read", "/api/v1/admin/orders/" + id + suffix, admin());
    }

    private Probe adminOrderStatus() {
        ObjectNode body = NODES.objectNode().put("status", "SHIPPED").put("note", "fuzz");
        String id;
        if (values.chance(50)) {
            id = targets.guestOrderId();
            List<Consumer<ObjectNode>> breakers = List.of(
                    b -> b.put("status", values.pick(List.of("SHIPPED", "DELIVERED", "RETURNED", "PROCESSING"))),
                    b -> b.set(
                            "status",
                            values.pick(List.of(
                                    NODES.textNode("DELETED"),
                                    NODES.textNode("cancelled"),
                                    NODES.textNode("CONFIRMED"),
                                    values.operator(),
                                    NODES.nullNode()))),
                    b -> b.put("trackingNumber", values.pick(List.of("<script>", "$where", "t".repeat(101), "'; --"))),
                    b -> b.put("estimatedDelivery", values.pick(List.of("yesterday", "2024-13-45", "99999-01-01", ""))),
                    b -> b.put("note", "n".repeat(1001)),
                    b -> b.set(values.pick(HostileValues.KEYS), values.json(1)));
            values.pick(breakers).accept(body);
        } else {
            id = values.chance(50) ? values.segment() : UUID.randomUUID().toString();
            body.put("status", values.pick(List.of("CANCELLED", "PROCESSING", "RESUMED")));
        }
        Map<String, String> headers = admin();
        if (values.chance(20)) {
            headers.put(
                    "Idempotency-Key",
                    values.chance(50) ? "k".repeat(300) : UUID.randomUUID().toString());
        }
        return post("admin-order-status", "/api/v1/admin/orders/" + id + "/status", write(body), headers);
    }

    private Probe adminRefund() {
        ObjectNode body = NODES.objectNode().put("amountMinor", 100).put("reason", "fuzz");
        String id = targets.guestOrderId();
        switch (values.nextInt(3)) {
            case 0 ->
                body.set(
                        "amountMinor",
                        values.pick(List.of(
                                NODES.numberNode(0),
                                NODES.numberNode(-5),
                                NODES.numberNode(100_000_000_001L),
                                NODES.textNode("all"),
                                values.operator(),
                                NODES.numberNode(new java.math.BigDecimal("1e400")))));
            case 1 ->
                body.set(
                        "reason",
                        values.pick(List.of(NODES.textNode(""), NODES.nullNode(), NODES.textNode("r".repeat(501)))));
            default ->
                id = values.chance(50) ? values.segment() : UUID.randomUUID().toString();
        }
        return post("admin-refund", "/api/v1/admin/orders/" + id + "/refunds", write(body), admin());
    }

    private Probe adminNote() {
        ObjectNode body = NODES.objectNode().put("note", "fuzz note");
        String id;
        if (values.chance(50)) {
            id = targets.guestOrderId();
            body.set(
                    "note",
                    values.pick(List.of(
                            NODES.textNode(""),
                            NODES.nullNode(),
                            NODES.textNode("n".repeat(2001)),
                            values.operator(),
                            NODES.arrayNode())));
        } else {
            id = values.chance(50) ? values.segment() : UUID.randomUUID().toString();
        }
        return post("admin-note", "/api/v1/admin/orders/" + id + "/notes", write(body), admin());
    }

    // ---- the rest of the admin API

    private Probe adminReads() {
        String segment = values.segment();
        String path = values.pick(List.of(
                "/api/v1/admin/dashboard?" + params("from", "to", "currency"),
                "/api/v1/admin/metrics/daily?" + params("from", "to", "currency"),
                "/api/v1/admin/customers/" + segment + "/stats",
                "/api/v1/admin/skus/low-stock?" + params("page", "size", "threshold"),
                "/api/v1/admin/projections",
                "/api/v1/admin/projections/" + segment,
                "/api/v1/admin/reconciliation/" + segment,
                "/api/v1/admin/dead-letters?" + params("processingGroup", "page", "size"),
                "/api/v1/admin/webhooks?" + params("page", "size"),
                "/api/v1/admin/webhooks/" + segment + "/deliveries?" + params("page", "size"),
                "/api/v1/admin/sagas?" + params("state", "page", "size"),
                "/api/v1/admin/sagas/" + segment));
        Map<String, String> headers =
                values.chance(90) ? admin() : values.chance(50) ? bearer(targets.customer()) : garbageAuth();
        return get("admin-read", path, headers);
    }

    private Probe adminActions() {
        String segment = values.segment();
        int kind = values.nextInt(8);
        Map<String, String> headers =
                values.chance(85) ? admin() : values.chance(50) ? bearer(targets.customer()) : garbageAuth();
        return switch (kind) {
            case 0 -> post("admin-action", "/api/v1/admin/projections/" + segment + "/rebuild", "", headers);
            case 1 ->
                post(
                        "admin-action",
                        "/api/v1/admin/reconciliation/run?date="
                                + encode(values.chance(50) ? values.string() + "x" : "9999-12-31"),
                        "",
                        headers);
            case 2 ->
                post(
                        "admin-action",
                        "/api/v1/admin/dead-letters/" + segment + "/retry?" + params("processingGroup"),
                        "",
                        headers);
            case 3 -> send("admin-action", "DELETE", "/api/v1/admin/webhooks/" + segment, null, headers, true);
            case 4 -> post("admin-action", "/api/v1/admin/webhook-deliveries/" + segment + "/resend", "", headers);
            case 5 ->
                post(
                        "admin-action",
                        "/api/v1/admin/sagas/" + (values.chance(50) ? segment : UUID.randomUUID())
                                + (values.chance(50) ? "/retry" : "/compensate"),
                        write(values.json(1)),
                        headers);
            case 6 -> post("admin-action", "/api/v1/admin/sagas/" + segment + "/retry", "", headers);
            default -> {
                ObjectNode body = NODES.objectNode();
                body.put(
                        "url",
                        values.pick(List.of(
                                "javascript:alert(1)",
                                "ftp://example.com/hook",
                                "not a url",
                                "",
                                "http://" + "h".repeat(2100) + ".example")));
                body.set(
                        "eventTypes",
                        values.pick(List.of(
                                NODES.arrayNode().add("order.exploded"),
                                NODES.arrayNode(),
                                NODES.textNode("order.confirmed"),
                                values.operator())));
                if (values.chance(30)) {
                    body.set(values.pick(HostileValues.KEYS), values.json(1));
                }
                yield post("admin-action", "/api/v1/admin/webhooks", write(body), headers);
            }
        };
    }

    // ---- payments

    private Probe sandboxDecision() {
        if (values.chance(50)) {
            JsonNode outcome = values.pick(List.of(
                    NODES.textNode("APPROVE"),
                    NODES.textNode("maybe"),
                    NODES.textNode(""),
                    NODES.nullNode(),
                    values.operator(),
                    NODES.arrayNode().add("approve"),
                    NODES.numberNode(1)));
            ObjectNode body = NODES.objectNode().set("outcome", outcome);
            if (values.chance(20)) {
                body.put("outcome", "approve");
                body.set(values.pick(HostileValues.KEYS), values.json(1));
            }
            return post("sandbox", "/api/v1/payments/sandbox/" + targets.sandboxReference(), write(body), none());
        }
        String body = values.chance(70)
                ? write(NODES.objectNode().put("outcome", values.chance(50) ? "approve" : "decline"))
                : write(values.json(2));
        return post(
                "sandbox",
                "/api/v1/payments/sandbox/"
                        + values.pick(List.of(values.segment(), "sbx_" + UUID.randomUUID(), "x".repeat(81))),
                body,
                none());
    }

    private Probe providerWebhook() {
        Map<String, String> headers = none();
        headers.put(
                "Stripe-Signature", values.pick(List.of("t=1,v1=00", "", "garbage", "t=" + Long.MAX_VALUE + ",v1=ab")));
        headers.put("PAYPAL-TRANSMISSION-ID", UUID.randomUUID().toString());
        String body = values.chance(50) ? write(values.json(3)) : values.pick(HostileValues.malformedBodies());
        return post(
                "provider-webhook",
                "/api/v1/webhooks/" + values.pick(List.of("stripe", "paypal", values.segment())),
                body,
                headers);
    }

    private Probe devToken() {
        ObjectNode body = NODES.objectNode();
        body.put("subject", "fuzzer");
        body.set("roles", NODES.arrayNode().add("ADMIN"));
        List<Consumer<ObjectNode>> breakers = List.of(
                b -> b.set(
                        "subject",
                        values.chance(50)
                                ? values.notAString()
                                : NODES.textNode(values.pick(
                                        List.of("", "a b", "$where", "../admin", "s".repeat(129), "<script>")))),
                b -> b.set(
                        "roles",
                        values.pick(List.of(
                                NODES.arrayNode().add("ROOT"),
                                NODES.arrayNode(),
                                NODES.arrayNode().add("ADMIN").add("CUSTOMER").add("ADMIN"),
                                NODES.textNode("ADMIN"),
                                values.operator()))),
                b -> b.set(values.pick(HostileValues.KEYS), values.json(1)));
        values.pick(breakers).accept(body);
        return post("dev-token", "/api/v1/dev/tokens", write(body), none());
    }

    private Probe wrongMethodOrMediaType() {
        if (values.chance(50)) {
            String path = values.pick(List.of(
                    "/api/v1/checkout",
                    "/api/v1/skus",
                    "/api/v1/orders/" + targets.guestOrderId(),
                    "/api/v1/admin/orders",
                    "/api/v1/admin/skus/" + values.pick(targets.skus())));
            String method = values.pick(List.of("PUT", "DELETE"));
            String body = write(values.json(2));
            return send("wrong-method", method, path, body, admin(), true);
        }
        Map<String, String> headers = admin();
        headers.put(
                "Content-Type",
                values.pick(List.of(
                        "text/plain",
                        "application/xml",
                        "multipart/form-data",
                        "application/x-www-form-urlencoded",
                        "application/json; charset=utf-16",
                        "*/*",
                        "application/json-patch+json")));
        ObjectNode body = validCheckout();
        body.remove("items");
        return send(
                "wrong-media-type",
                "POST",
                values.pick(List.of("/api/v1/checkout", "/api/v1/admin/skus")),
                write(body),
                headers,
                true);
    }

    /** Any operation of the API description: hostile path parameters, random or malformed bodies. */
    private Probe generic() {
        ApiOperation operation = values.pick(targets.operations());
        String path = operation.path().replaceAll("\\{[^}]+}", values.segment());
        boolean mutating = !"GET".equals(operation.method());
        boolean hasPathParameter = !path.equals(operation.path());
        Map<String, String> headers = values.chance(80) ? admin() : values.chance(50) ? none() : garbageAuth();
        if (!mutating) {
            String query = values.chance(50) ? "?" + encode(values.string()) + "=" + encode(values.string()) : "";
            return send("generic", "GET", path + query, null, headers, false);
        }
        if (!hasPathParameter && !operation.hasBody()) {
            return send("generic", "GET", path, null, headers, false);
        }
        String body;
        if (hasPathParameter) {
            body = values.chance(50) ? write(values.json(3)) : values.pick(HostileValues.malformedBodies());
        } else {
            body = values.chance(70)
                    ? values.pick(HostileValues.malformedBodies())
                    : write(values.pick(List.of(
                            NODES.textNode(values.string()),
                            NODES.numberNode(1),
                            NODES.arrayNode(),
                            NODES.nullNode())));
        }
        return send("generic", operation.method(), path, body, headers, true);
    }

    // ---- helpers

    /** A hostile string that is not a well-formed SKU code (so it cannot name a real or a new SKU). */
    private String notASkuCode() {
        String value = values.string();
        return SkuCode.isValid(value) ? value + " " : value;
    }

    private String params(String... names) {
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            if (values.chance(60)) {
                JsonNode value =
                        values.chance(20) ? values.pick(HostileValues.NUMBERS) : NODES.textNode(values.string());
                parts.add(name + "=" + encode(value.isTextual() ? value.asText() : value.toString()));
            }
        }
        if (values.chance(10)) {
            parts.add(encode(values.pick(HostileValues.KEYS)) + "=" + encode(values.string()));
        }
        return String.join("&", parts);
    }

    private Map<String, String> admin() {
        return bearer(targets.admin());
    }

    private static Map<String, String> bearer(String token) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer " + token);
        return headers;
    }

    private Map<String, String> garbageAuth() {
        Map<String, String> headers = new HashMap<>();
        headers.put(
                "Authorization",
                values.pick(List.of(
                        "Bearer x.y.z",
                        "Bearer ",
                        "Basic YWRtaW46YWRtaW4=",
                        "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbIkFETUlOIl19.",
                        "Bearer " + "a".repeat(4000))));
        return headers;
    }

    private static Map<String, String> none() {
        return new HashMap<>();
    }

    private static Probe get(String family, String path, Map<String, String> headers) {
        return new Probe(family, "GET", path, null, headers, false);
    }

    private static Probe post(String family, String path, String body, Map<String, String> headers) {
        return new Probe(family, "POST", path, body, headers, true);
    }

    private static Probe send(
            String family,
            String method,
            String path,
            String body,
            Map<String, String> headers,
            boolean mustBeRejected) {
        return new Probe(family, method, path, body, headers, mustBeRejected);
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
