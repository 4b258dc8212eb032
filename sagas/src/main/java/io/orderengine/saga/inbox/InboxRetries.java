package io.orderengine.saga.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The engine's own retries of the webhook inbox: every {@code engine.payments.inbox.retry-sweep} it replays the
 * entries whose retry is due ({@link WebhookInbox#retryDue(int)}), so a failed notification does not depend on the
 * provider sending it again. Each entry is claimed before it runs, so instances sharing a store do not both run it.
 */
public class InboxRetries {

    private static final Logger log = LoggerFactory.getLogger(InboxRetries.class);
    private static final int BATCH = 50;

    private final WebhookInbox inbox;

    public InboxRetries(WebhookInbox inbox) {
        this.inbox = inbox;
    }

    @Scheduled(
            initialDelayString = "${engine.payments.inbox.retry-sweep:15s}",
            fixedDelayString = "${engine.payments.inbox.retry-sweep:15s}")
    public void retryDue() {
        try {
            int processed = inbox.retryDue(BATCH);
            if (processed > 0) {
                log.info("webhook inbox: {} failed or unfinished notifications processed on retry", processed);
            }
        } catch (RuntimeException e) {
            log.warn("webhook inbox retry sweep failed; the next sweep tries again: {}", e.toString());
        }
    }
}
