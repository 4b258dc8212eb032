package io.orderengine.api.admin.webhooks;

import static io.orderengine.api.web.SliceTestSupport.as;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderengine.api.web.SliceTestSupport.WithEngineWebLayer;
import io.orderengine.saga.inbox.WebhookInbox;
import io.orderengine.saga.inbox.WebhookProcessingException;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The admin's webhook inbox over HTTP, on a real inbox: a notification whose processing failed is listed as failed
 * with its attempt, an admin's retry that fails again is recorded, the next retry processes it from the stored
 * payload, and a retry of a processed or unknown entry is refused (409, 404). Admin only; a wrong status is a 400.
 */
@WebMvcTest(WebhookInboxController.class)
@WithEngineWebLayer
class WebhookInboxControllerSliceTest {

    static final InMemoryMongo MONGO = InMemoryMongo.start();
    static final AtomicBoolean BROKEN = new AtomicBoolean(true);
    static final AtomicInteger REPLAYS = new AtomicInteger();

    @TestConfiguration
    static class RealInbox {

        @Bean
        WebhookInbox webhookInbox() {
            WebhookInbox inbox = new WebhookInbox(MONGO.database(), Clock.systemUTC());
            inbox.ensureIndexes();
            inbox.register("sandbox", (type, payload) -> {
                REPLAYS.incrementAndGet();
                if (BROKEN.get()) {
                    throw new IllegalStateException("command bus down while replaying " + payload);
                }
            });
            return inbox;
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    WebhookInbox inbox;

    @AfterAll
    static void stop() {
        MONGO.close();
    }

    @Test
    void aFailedNotificationIsListedRetriedAndProcessedFromItsStoredPayload() throws Exception {
        assertThatThrownBy(() -> inbox.process("sandbox", "pay-1:approve", "sandbox.approve", "pay-1", () -> {
                    throw new IllegalStateException("command bus down");
                }))
                .isInstanceOf(WebhookProcessingException.class);

        mvc.perform(get("/api/v1/admin/webhooks/inbox")
                        .param("status", "failed")
                        .with(as("admin", "ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("failed"))
                .andExpect(jsonPath("$.items[?(@.id=='sandbox:pay-1:approve')].status")
                        .value("FAILED"))
                .andExpect(jsonPath("$.items[?(@.id=='sandbox:pay-1:approve')].attemptLog[0].by")
                        .value("delivery"))
                .andExpect(jsonPath("$.items[?(@.id=='sandbox:pay-1:approve')].nextAttemptAt")
                        .isNotEmpty());

        mvc.perform(post("/api/v1/admin/webhooks/inbox/sandbox:pay-1:approve/retry")
                        .with(as("admin", "ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAILED"))
                .andExpect(jsonPath("$.attempts").value(2))
                .andExpect(jsonPath("$.lastError").value(org.hamcrest.Matchers.containsString("replaying pay-1")));

        BROKEN.set(false);
        mvc.perform(post("/api/v1/admin/webhooks/inbox/sandbox:pay-1:approve/retry")
                        .with(as("admin", "ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PROCESSED"))
                .andExpect(jsonPath("$.attempts").value(3))
                .andExpect(jsonPath("$.attemptLog[2].by").value("admin"))
                .andExpect(jsonPath("$.attemptLog[2].outcome").value("PROCESSED"))
                .andExpect(jsonPath("$.nextAttemptAt").doesNotExist());
        mvc.perform(get("/api/v1/admin/webhooks/inbox").param("status", "done").with(as("admin", "ADMIN")))
                .andExpect(jsonPath("$.items[?(@.id=='sandbox:pay-1:approve')]").isNotEmpty());

        mvc.perform(post("/api/v1/admin/webhooks/inbox/sandbox:pay-1:approve/retry")
                        .with(as("admin", "ADMIN")))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("inbox-entry-done")));
        org.assertj.core.api.Assertions.assertThat(REPLAYS).hasValue(2);
    }

    @Test
    void anUnknownEntryIs404AndAnUnknownStatusIs400() throws Exception {
        mvc.perform(post("/api/v1/admin/webhooks/inbox/stripe:evt_nope/retry").with(as("admin", "ADMIN")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/admin/webhooks/inbox").param("status", "lost").with(as("admin", "ADMIN")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void anEntryWithoutAStoredPayloadCannotBeRetriedByTheEngine() throws Exception {
        assertThatThrownBy(() -> inbox.process("stripe", "evt_old", "payment_intent.succeeded", () -> {
                    throw new IllegalStateException("down");
                }))
                .isInstanceOf(WebhookProcessingException.class);

        mvc.perform(post("/api/v1/admin/webhooks/inbox/stripe:evt_old/retry").with(as("admin", "ADMIN")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("inbox-entry-not-replayable")));
    }

    @Test
    void onlyAdminsSeeTheInbox() throws Exception {
        mvc.perform(get("/api/v1/admin/webhooks/inbox").with(as("alice", "CUSTOMER")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/admin/webhooks/inbox/stripe:evt_1/retry").with(as("alice", "CUSTOMER")))
                .andExpect(status().isForbidden());
    }
}
