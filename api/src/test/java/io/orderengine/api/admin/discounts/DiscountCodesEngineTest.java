package io.orderengine.api.admin.discounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderengine.api.notifications.OrderDriver;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.query.order.OrderView;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discount codes as data over HTTP on one running engine: the admin endpoints and their problems, the checkout's
 * refusals (a type per reason), limits raced by concurrent checkouts, a use counted once when paid and given back
 * when the order is cancelled before capture, and the configured code (WELCOME10) still working as seeded data.
 */
class DiscountCodesEngineTest {

    private static final String DISCOUNTS = "/api/v1/admin/discounts";

    @TempDir
    static Path folder;

    private static RunningEngine engine;
    private static EngineClient client;
    private static OrderDriver orders;
    private static String admin;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        client = engine.client();
        orders = new OrderDriver(engine);
        admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, "DISC-MUG", 2500, 100).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.get("/api/v1/admin/skus/DISC-MUG", admin).status() == 200);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static Map<String, Object> code(String code, String type, long value, String currency) {
        Map<String, Object> body = new HashMap<>();
        body.put("code", code);
        body.put("type", type);
        body.put("value", value);
        body.put("currency", currency);
        return body;
    }

    private static Reply create(Map<String, Object> body) {
        return client.post(DISCOUNTS, body, admin);
    }

    private static Map<String, Object> checkoutBody(int quantity, String email, String code) {
        Map<String, Object> body = new HashMap<>(EngineClient.checkoutBody("DISC-MUG", quantity, email));
        body.put("discountCode", code);
        return body;
    }

    private static Reply checkout(String customer, String code) {
        return client.checkout(checkoutBody(1, customer + "@example.com", code), client.token(customer, "CUSTOMER"));
    }

    private static Reply discount(String code) {
        return client.get(DISCOUNTS + "/" + code, admin);
    }

    private static void awaitDiscount(String code, Predicate<Reply> condition) {
        await().atMost(Duration.ofSeconds(30)).until(() -> condition.test(discount(code)));
    }

    private static int uses(Reply view, String field) {
        return view.body().path(field).asInt();
    }

    private static String problemType(Reply reply) {
        String type = reply.text("type");
        return type.substring(type.lastIndexOf(':') + 1);
    }

    @Test
    void adminsCreateListReadAndPatchCodesAndGetAProblemForBadInput() {
        Map<String, Object> spring = code("Spring25", "percent", 2500, "EUR");
        spring.put("validFrom", "2020-01-01T00:00:00Z");
        spring.put("maxUses", 50);
        spring.put("minimumSubtotalMinor", 2000);
        Reply created = create(spring);
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.text("code")).isEqualTo("Spring25");
        assertThat(created.text("type")).isEqualTo("percent");
        assertThat(created.body().path("active").asBoolean()).isTrue();
        assertThat(created.headers().get("location")).containsExactly("/api/v1/admin/discounts/SPRING25");

        assertThat(client.get(DISCOUNTS, admin).body().path("items").findValuesAsText("code"))
                .contains("Spring25", "WELCOME10");
        assertThat(discount("spring25").body().path("maxUses").asInt()).isEqualTo(50);

        Map<String, Object> patch = new HashMap<>();
        patch.put("maxUses", null);
        patch.put("maxUsesPerCustomer", 2);
        patch.put("validUntil", "2099-01-01T00:00:00Z");
        Reply patched = client.patch(DISCOUNTS + "/SPRING25", patch, admin);
        assertThat(patched.status()).as("%s", patched).isEqualTo(200);
        assertThat(patched.body().path("maxUses").isNull())
                .as("null removes the limit")
                .isTrue();
        assertThat(patched.body().path("maxUsesPerCustomer").asInt()).isEqualTo(2);
        assertThat(patched.text("validUntil")).isEqualTo("2099-01-01T00:00:00Z");
        assertThat(patched.body().path("minimumSubtotalMinor").asLong())
                .as("left out, so unchanged")
                .isEqualTo(2000);

        Reply badType = create(code("BADTYPE", "bogo", 100, null));
        assertThat(badType.status()).as("%s", badType).isEqualTo(400);
        assertThat(problemType(badType)).isEqualTo("validation");
        assertThat(create(code("NEGATIVE", "fixed", -5, "EUR")).status()).isEqualTo(400);
        Reply noCurrency = create(code("NOCURRENCY", "fixed", 500, null));
        assertThat(noCurrency.status()).as("%s", noCurrency).isEqualTo(400);
        assertThat(noCurrency.text("detail")).contains("currency");
        assertThat(create(code("TOOMUCH", "percent", 10_001, null)).status()).isEqualTo(400);
        Reply duplicate = create(code("spring25", "fixed", 500, "EUR"));
        assertThat(duplicate.status()).as("%s", duplicate).isEqualTo(409);
        assertThat(problemType(duplicate)).isEqualTo("already-exists");
        assertThat(discount("NOSUCHCODE").status()).isEqualTo(404);
        assertThat(client.patch(DISCOUNTS + "/NOSUCHCODE", Map.of("active", false), admin)
                        .status())
                .isEqualTo(404);
        Reply invertedDates = client.patch(DISCOUNTS + "/SPRING25", Map.of("validFrom", "2100-01-01T00:00:00Z"), admin);
        assertThat(invertedDates.status()).as("%s", invertedDates).isEqualTo(400);
        assertThat(client.get(DISCOUNTS, client.token("eve", "CUSTOMER")).status())
                .isEqualTo(403);
    }

    @Test
    void checkoutRefusesACodeWithAProblemPerReason() {
        Map<String, Object> expired = code("OLDNEWS", "percent", 1000, null);
        expired.put("validUntil", "2020-01-01T00:00:00Z");
        assertThat(create(expired).status()).isEqualTo(201);
        Map<String, Object> future = code("SOON", "percent", 1000, null);
        future.put("validFrom", "2099-01-01T00:00:00Z");
        assertThat(create(future).status()).isEqualTo(201);
        Map<String, Object> big = code("BIGSPEND", "fixed", 1000, "EUR");
        big.put("minimumSubtotalMinor", 10_000);
        assertThat(create(big).status()).isEqualTo(201);
        assertThat(create(code("DOLLARS", "fixed", 500, "USD")).status()).isEqualTo(201);
        Map<String, Object> once = code("ONCEEACH", "percent", 500, null);
        once.put("maxUsesPerCustomer", 1);
        assertThat(create(once).status()).isEqualTo(201);
        assertThat(create(code("PAUSED", "percent", 500, null)).status()).isEqualTo(201);
        assertThat(client.patch(DISCOUNTS + "/PAUSED", Map.of("active", false), admin)
                        .status())
                .isEqualTo(200);

        Map<String, String> expected = Map.of(
                "OLDNEWS", "discount-expired",
                "SOON", "discount-not-yet-valid",
                "BIGSPEND", "discount-minimum-not-met",
                "DOLLARS", "discount-currency",
                "PAUSED", "discount-inactive",
                "NOTACODE", "unknown-discount-code");
        expected.forEach((code, type) -> {
            Reply refused = checkout("refused-" + code.toLowerCase(), code);
            assertThat(refused.status()).as("%s: %s", code, refused).isEqualTo(422);
            assertThat(refused.headers().get("content-type"))
                    .anySatisfy(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(problemType(refused)).as(code).isEqualTo(type);
            Reply quoted = client.post(
                    "/api/v1/checkout/quote",
                    Map.of(
                            "items",
                            List.of(Map.of("sku", "DISC-MUG", "quantity", 1)),
                            "currency",
                            "EUR",
                            "country",
                            "IL",
                            "discountCode",
                            code),
                    null);
            assertThat(quoted.status()).as("quote %s: %s", code, quoted).isEqualTo(422);
            assertThat(problemType(quoted)).as("quote " + code).isEqualTo(type);
        });

        assertThat(checkout("bella", "onceeach").status()).isEqualTo(201);
        Reply again = checkout("bella", "ONCEEACH");
        assertThat(again.status()).as("%s", again).isEqualTo(422);
        assertThat(problemType(again)).isEqualTo("discount-customer-limit");
        assertThat(checkout("carl", "ONCEEACH").status()).isEqualTo(201);
    }

    @Test
    void concurrentCheckoutsNeverTakeMoreUsesThanAllowed() throws Exception {
        Map<String, Object> race = code("RACE3", "fixed", 500, "EUR");
        race.put("maxUses", 3);
        assertThat(create(race).status()).isEqualTo(201);

        int racers = 10;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                String customer = "racer-" + i;
                String token = client.token(customer, "CUSTOMER");
                Callable<Reply> attempt = () -> {
                    go.await();
                    return client.checkout(checkoutBody(1, customer + "@example.com", "RACE3"), token);
                };
                replies.add(pool.submit(attempt));
            }
            go.countDown();
            List<Reply> accepted = new ArrayList<>();
            List<Reply> refused = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                Reply r = reply.get();
                (r.status() == 201 ? accepted : refused).add(r);
            }
            assertThat(accepted).hasSize(3);
            assertThat(refused).hasSize(racers - 3).allSatisfy(r -> {
                assertThat(r.status()).as("%s", r).isEqualTo(422);
                assertThat(problemType(r)).isEqualTo("discount-used-up");
            });
            for (Reply r : accepted) {
                OrderView order = orders.view(r.text("orderId"));
                assertThat(order.discountCode()).isEqualTo("RACE3");
                assertThat(order.totals().discountMinor()).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
        awaitDiscount("RACE3", v -> uses(v, "usesReserved") == 3 && uses(v, "usesConfirmed") == 0);
    }

    @Test
    void aPaidOrderCountsItsUseOnceAndACancelBeforeCaptureGivesItBack() {
        Map<String, Object> single = code("SINGLE", "percent", 1000, null);
        single.put("maxUses", 1);
        assertThat(create(single).status()).isEqualTo(201);

        Reply first = checkout("dora", "SINGLE");
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        Reply second = checkout("emil", "SINGLE");
        assertThat(problemType(second)).isEqualTo("discount-used-up");

        String firstOrder = first.text("orderId");
        orders.awaitStatus(firstOrder, OrderStatus.AWAITING_PAYMENT);
        Reply cancelled = client.post(
                "/api/v1/orders/" + firstOrder + "/cancel",
                Map.of("reason", "changed my mind"),
                client.token("dora", "CUSTOMER"));
        assertThat(cancelled.status()).as("%s", cancelled).isLessThan(300);
        awaitDiscount("SINGLE", v -> uses(v, "usesReserved") == 0 && uses(v, "usesConfirmed") == 0);

        Reply third = checkout("emil", "SINGLE");
        assertThat(third.status())
                .as("the use given back is free again: %s", third)
                .isEqualTo(201);
        orders.confirm(third.text("orderId"));
        awaitDiscount("SINGLE", v -> uses(v, "usesReserved") == 0 && uses(v, "usesConfirmed") == 1);
        Reply afterPaid = checkout("fritz", "SINGLE");
        assertThat(problemType(afterPaid)).isEqualTo("discount-used-up");
    }

    @Test
    void aConfiguredCodeIsSeededAsDataAndStillDiscounts() {
        Reply seeded = discount("WELCOME10");
        assertThat(seeded.status()).as("%s", seeded).isEqualTo(200);
        assertThat(seeded.text("type")).isEqualTo("percent");
        assertThat(seeded.body().path("value").asLong()).isEqualTo(1000);

        Reply placed = client.checkout(checkoutBody(2, "gil@example.com", "welcome10"), null);
        assertThat(placed.status()).as("%s", placed).isEqualTo(201);
        OrderView order = orders.view(placed.text("orderId"));
        assertThat(order.discountCode()).isEqualTo("WELCOME10");
        assertThat(order.totals().discountMinor()).isEqualTo(500);
        awaitDiscount("WELCOME10", v -> uses(v, "usesReserved") >= 1);
        assertThat(Instant.parse(seeded.text("updatedAt")))
                .isBefore(Instant.now().plusSeconds(1));
    }
}
