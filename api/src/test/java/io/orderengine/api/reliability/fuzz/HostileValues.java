package io.orderengine.api.reliability.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Pools of hostile values and a random-JSON generator, all drawn from one seeded {@link Random}. */
final class HostileValues {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Strings that have broken parsers, queries, templates and file paths somewhere. */
    static final List<String> STRINGS = List.of(
            "",
            " ",
            "null",
            "undefined",
            "NaN",
            "-1",
            "0",
            "99999999999999999999999",
            "1e400",
            "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini",
            "....//....//etc/passwd",
            "/etc/passwd",
            "{\"$gt\": \"\"}",
            "$where",
            "$gt",
            "$ne",
            "'; return true; var x='",
            "function() { sleep(5000); }",
            "this.constructor.constructor('return process')()",
            "' OR '1'='1",
            "\" OR \"\"=\"",
            "1; DROP TABLE orders",
            "<script>alert(1)</script>",
            "${jndi:ldap://127.0.0.1:1/a}",
            "#{7*7}",
            "{{7*7}}",
            "%s%s%s%n",
            "%00",
            "\u0000",
            "\r\nX-Injected: 1",
            "ünïcødé straße",
            "😀🔥💳",
            "\u202Egnp.exe",
            "ＦＵＺＺ－Ａ",
            "\uFEFF",
            "مرحبا",
            "שלום עולם",
            "日本語の注文",
            "\uD800",
            "(a+)+$",
            ".*",
            "[",
            "\\",
            "CON",
            "__proto__",
            "constructor",
            "a".repeat(300),
            "b".repeat(5000),
            "-0",
            "0x7fffffff",
            "true",
            "[]",
            "{}");

    /** Path segments sent as they are (already escaped where needed): traversal and encoding tricks. */
    static final List<String> RAW_SEGMENTS = List.of(
            "..",
            "../..",
            "..%2F..%2Fetc%2Fpasswd",
            "%2e%2e",
            "%2e%2e%2f",
            "%252e%252e%252f",
            "..;",
            "a;b=c",
            "%c0%ae%c0%ae",
            "%ff%fe",
            ".%00.",
            "%2F",
            "%5C..%5C",
            "~",
            "*",
            "%20",
            "..%252F",
            "%E2%80%AE",
            "%F0%9F%98%80");

    /** Keys that mean something to MongoDB, JavaScript or mass assignment. */
    static final List<String> KEYS = List.of(
            "$where",
            "$gt",
            "$ne",
            "$regex",
            "$expr",
            "$function",
            "__proto__",
            "constructor",
            "admin",
            "isAdmin",
            "roles",
            "status",
            "totalMinor",
            "_id",
            "orderId",
            "a.b",
            "");

    /** Numbers at and past the edges of int, long and double. */
    static final List<JsonNode> NUMBERS = List.of(
            NODES.numberNode(-1),
            NODES.numberNode(0),
            NODES.numberNode(Integer.MAX_VALUE),
            NODES.numberNode(2147483648L),
            NODES.numberNode(Long.MAX_VALUE),
            NODES.numberNode(Long.MIN_VALUE),
            NODES.numberNode(new BigInteger("99999999999999999999999999")),
            NODES.numberNode(new BigInteger("-9223372036854775809")),
            NODES.numberNode(new BigDecimal("1e400")),
            NODES.numberNode(new BigDecimal("-1e400")),
            NODES.numberNode(new BigDecimal("0.5")),
            NODES.numberNode(new BigDecimal("1e-400")),
            NODES.numberNode(-1_000_001));

    /** Bodies that are not JSON, or JSON no parser should have to build. */
    static List<String> malformedBodies() {
        return List.of(
                "{",
                "}",
                "[",
                "{\"items\": [",
                "{'items': []}",
                "{\"items\": [1,]}",
                "nul",
                "tru",
                "\"",
                "{\"a\":1}{\"b\":2}",
                "\u0000\u0001\u0002",
                "\uFEFF{}",
                "<xml/>",
                "items=1&email=x",
                "{\"a\": NaN}",
                "{\"a\": Infinity}",
                "{\"a\": 0x10}",
                "{\"a\": 01}",
                "[".repeat(3000) + "]".repeat(3000),
                "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
                "{\"items\":[" + "{},".repeat(5000) + "{}]}",
                "\"" + "x".repeat(90_000) + "\"",
                "1".repeat(5000),
                "-",
                "{\"a\":\"\\ud800\"}",
                "{\"a\":\"\\u00\"}");
    }

    private final Random random;

    HostileValues(Random random) {
        this.random = random;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    String string() {
        return pick(STRINGS);
    }

    /** A hostile path segment: a pool string percent-encoded, or a raw traversal/encoding trick. */
    String segment() {
        return chance(30) ? pick(RAW_SEGMENTS) : encode(string());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A JSON value of any type, at most {@code depth} levels deep, with hostile keys, strings and numbers. */
    JsonNode json(int depth) {
        int kind = random.nextInt(depth <= 0 ? 5 : 7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> pick(NUMBERS);
            case 3, 4 -> NODES.textNode(string());
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(json(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(chance(50) ? pick(KEYS) : string(), json(depth - 1));
                }
                yield object;
            }
        };
    }

    /** An operator object where a scalar belongs: {"$gt": ""}, {"$where": "..."}, {"$ne": null}. */
    JsonNode operator() {
        ObjectNode node = NODES.objectNode();
        switch (random.nextInt(4)) {
            case 0 -> node.put("$gt", "");
            case 1 -> node.put("$where", "sleep(5000) || true");
            case 2 -> node.putNull("$ne");
            default -> node.put("$regex", ".*");
        }
        return node;
    }

    /** A non-string JSON value where a string is expected (objects, arrays; never a scalar Jackson would coerce). */
    JsonNode notAString() {
        return chance(60) ? operator() : NODES.arrayNode().add(string());
    }
}
