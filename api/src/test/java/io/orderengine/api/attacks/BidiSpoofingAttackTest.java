package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: a right-to-left override (U+202E) in a SKU name or an address was stored and shown on admin pages and
 * invoices reversed ("Invoice\u202Egnp.exe"). Bidi controls and other invisible format characters must be refused
 * with a 400 problem naming the field, in every free-text field; text in right-to-left scripts, and the joiners
 * Persian and emoji need, stay accepted.
 */
class BidiSpoofingAttackTest {

    private static final List<String> INVISIBLE = List.of(
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
            "\u0000",
            "\u2028",
            "\uDB40\uDC01");

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;
    static String admin;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, "BIDI-1", 1000, 50).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        client.get("/api/v1/skus", null).body().path("items").size() == 1);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void everyInvisibleOrBidiCharacterIsRefusedInAnAddress() {
        for (String character : INVISIBLE) {
            Map<String, Object> body = EngineClient.checkoutBody("BIDI-1", 1, "a@example.com");
            address(body).put("fullName", "Noa " + character + "Cohen");
            EngineClient.Reply reply = client.checkout(body, null);
            assertRefused(reply, "shippingAddress.fullName", character);
        }
    }

    @Test
    void checkoutTextFieldsRefuseTheRightToLeftOverride() {
        Map<String, String> fields = Map.of(
                "line1", "5 Rothschild\u202E Blvd",
                "line2", "Flat\u202E 2",
                "city", "Tel\u202E Aviv",
                "region", "\u202ECenter",
                "postalCode", "668\u202E8101");
        fields.forEach((field, value) -> {
            Map<String, Object> body = EngineClient.checkoutBody("BIDI-1", 1, "a@example.com");
            address(body).put(field, value);
            assertRefused(client.checkout(body, null), "shippingAddress." + field, "\u202E");
        });
        Map<String, Object> notes = EngineClient.checkoutBody("BIDI-1", 1, "a@example.com");
        notes.put("notes", "leave at door \u2067 \u2069");
        assertRefused(client.checkout(notes, null), "notes", "\u2067");
        Map<String, Object> email = EngineClient.checkoutBody("BIDI-1", 1, "ad\u200Bmin@example.com");
        assertRefused(client.checkout(email, null), "email", "\u200B");
        Map<String, Object> joiner = EngineClient.checkoutBody("BIDI-1", 1, "ad\u200Dmin@example.com");
        assertRefused(client.checkout(joiner, null), "email", "\u200D");
        Map<String, Object> code = EngineClient.checkoutBody("BIDI-1", 1, "a@example.com");
        code.put("discountCode", "\uFEFFWELCOME10");
        assertRefused(client.checkout(code, null), "discountCode", "\uFEFF");
    }

    @Test
    void rightToLeftScriptsAndJoinersInNamesAreAccepted() {
        Map<String, Object> body = EngineClient.checkoutBody("BIDI-1", 1, "a@example.com");
        address(body).put("fullName", "نوا کهن می\u200Cخواهم"); // Persian needs the zero-width non-joiner
        address(body).put("line1", "רחוב רוטשילד 5");
        body.put("notes", "for the family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"); // ZWJ emoji
        EngineClient.Reply reply = client.checkout(body, null);
        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    }

    @Test
    void skuNamesAttributesAndAdminTextsRefuseTheOverride() {
        Map<String, Object> sku = new HashMap<>();
        sku.put("sku", "BIDI-2");
        sku.put("name", "Invoice\u202Egnp.exe");
        sku.put("priceMinor", 100);
        sku.put("currency", "EUR");
        assertRefused(client.post("/api/v1/admin/skus", sku, admin), "name", "\u202E");
        sku.put("name", "Plain");
        sku.put("attributes", Map.of("colour", "r\u202Eed"));
        assertRefused(client.post("/api/v1/admin/skus", sku, admin), "attributes[colour]", "\u202E");
        assertThat(client.get("/api/v1/admin/skus/BIDI-2", admin).status()).isEqualTo(404);

        assertRefused(
                client.patch("/api/v1/admin/skus/BIDI-1", Map.of("name", "\u202Edeman"), admin), "name", "\u202E");
        assertRefused(
                client.post("/api/v1/admin/skus/BIDI-1/stock", Map.of("delta", 1, "reason", "\u2066x"), admin),
                "reason",
                "\u2066");
        Map<String, Object> hook = Map.of(
                "url", "https://erp.example/\u202Ekoob", "eventTypes", List.of("order.shipped"), "description", "d");
        assertRefused(client.post("/api/v1/admin/webhooks", hook, admin), "url", "\u202E");
        assertThat(client.get("/api/v1/admin/skus/BIDI-1", admin).text("name")).isEqualTo("Test BIDI-1");
    }

    private static void assertRefused(EngineClient.Reply reply, String field, String character) {
        String codePoint = String.format("U+%04X", character.codePointAt(0));
        assertThat(reply.status()).as("%s with %s: %s", field, codePoint, reply).isEqualTo(400);
        assertThat(reply.text("type")).isEqualTo("urn:order-engine:problem:validation");
        JsonNode errors = reply.body().path("errors");
        assertThat(errors.findValuesAsText("field"))
                .as("%s: %s", codePoint, reply)
                .contains(field);
        assertThat(errors.findValuesAsText("message"))
                .anySatisfy(message -> assertThat(message).contains("invisible").contains(codePoint));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> address(Map<String, Object> body) {
        return (Map<String, Object>) body.get("shippingAddress");
    }
}
