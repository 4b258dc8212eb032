package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.attacks.AttackClient.Answer;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attack: {@code page=2147483647} answered page 0 (the offset wrapped around an int), and every list parsed its
 * parameters its own way. Every paged endpoint must refuse a page or size out of range, negative, fractional, not a
 * number or not in ASCII digits with a 400 problem naming the parameter.
 */
class PageOverflowAttackTest {

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static AttackClient attacker;
    static String admin;
    static String customer;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
        EngineClient client = engine.client();
        attacker = new AttackClient(engine.port());
        admin = client.token("admin-1", "ADMIN");
        customer = client.token("alice", "CUSTOMER");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    /** Every paged list, with the token it needs. */
    private static List<String[]> lists() {
        return List.of(
                new String[] {"/api/v1/skus?", null},
                new String[] {"/api/v1/orders?", customer},
                new String[] {"/api/v1/admin/skus?", admin},
                new String[] {"/api/v1/admin/skus/low-stock?", admin},
                new String[] {"/api/v1/admin/orders?", admin},
                new String[] {"/api/v1/admin/dead-letters?", admin},
                new String[] {"/api/v1/admin/sagas?", admin},
                new String[] {"/api/v1/admin/webhooks?", admin},
                new String[] {"/api/v1/admin/webhooks/" + UUID.randomUUID() + "/deliveries?", admin});
    }

    @Test
    void everyListRefusesPagesAndSizesOutOfRangeNamingTheParameter() {
        List<String[]> refused = List.of(
                new String[] {"page=2147483647", "page"},
                new String[] {"page=107374182&size=20", "page"},
                new String[] {"page=-1", "page"},
                new String[] {"page=abc", "page"},
                new String[] {"page=1.5", "page"},
                new String[] {"page=99999999999", "page"},
                new String[] {"page=%D9%A3", "page"},
                new String[] {"page=0x10", "page"},
                new String[] {"size=0", "size"},
                new String[] {"size=501", "size"},
                new String[] {"size=2147483647", "size"},
                new String[] {"size=-5", "size"},
                new String[] {"size=1e3", "size"});
        for (String[] list : lists()) {
            for (String[] query : refused) {
                Answer answer = attacker.get(list[0] + query[0], list[1]);
                assertThat(answer.status())
                        .as("%s%s: %s", list[0], query[0], answer)
                        .isEqualTo(400);
                assertThat(answer.type()).isEqualTo("urn:order-engine:problem:validation");
                assertThat(answer.detail()).as("%s%s", list[0], query[0]).contains("'" + query[1] + "'");
            }
        }
    }

    @Test
    void pagesInRangeAreAnsweredAsAsked() {
        for (String[] list : lists().subList(0, 8)) {
            Answer answer = attacker.get(list[0] + "page=3&size=7", list[1]);
            assertThat(answer.status()).as("%s: %s", list[0], answer).isEqualTo(200);
            assertThat(answer.json().path("page").asInt()).as(list[0]).isEqualTo(3);
            assertThat(answer.json().path("size").asInt()).as(list[0]).isEqualTo(7);
        }
        Answer last = attacker.get("/api/v1/skus?page=107374181&size=20", null);
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.json().path("page").asInt()).isEqualTo(107374181);
        assertThat(last.json().path("items")).isEmpty();
    }
}
