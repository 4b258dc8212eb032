package io.orderengine.api.admin.webhooks;

import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.PageParameters;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.saga.inbox.InboxEntries;
import io.orderengine.saga.inbox.WebhookInbox;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhook inbox for admins: the provider notifications received, by status ({@code GET
 * /api/v1/admin/webhooks/inbox?status=failed|pending|done}, most recent first, with their attempts), and a retry of
 * one from its stored payload ({@code POST /api/v1/admin/webhooks/inbox/{id}/retry}: 200 with the entry after the
 * retry, whether it succeeded or failed again; 404 unknown; 409 {@code inbox-entry-done} when it was processed
 * already; 409 {@code inbox-entry-not-replayable} when it has no stored payload). The engine retries failed entries
 * on its own too (docs/operations.md, "Webhook inbox").
 */
@RestController
@Validated
class WebhookInboxController {

    private final WebhookInbox inbox;

    WebhookInboxController(WebhookInbox inbox) {
        this.inbox = inbox;
    }

    /** One attempt at processing the notification: by the provider's {@code delivery}, the {@code engine} or an {@code admin}. */
    record AttemptView(Instant at, String by, String outcome, String error) {}

    /** A notification in the inbox; {@code status} is RECEIVED (pending), FAILED or PROCESSED (done). */
    record InboxEntryView(
            String id,
            String provider,
            String eventId,
            String eventType,
            String status,
            int attempts,
            String lastError,
            Instant receivedAt,
            Instant processedAt,
            Instant nextAttemptAt,
            Instant expireAt,
            boolean replayable,
            List<AttemptView> attemptLog) {

        static InboxEntryView of(InboxEntries.Entry entry) {
            return new InboxEntryView(
                    entry.id(),
                    entry.provider(),
                    entry.eventId(),
                    entry.eventType(),
                    entry.status(),
                    entry.attempts(),
                    entry.lastError(),
                    entry.receivedAt(),
                    entry.processedAt(),
                    entry.nextAttemptAt(),
                    entry.expireAt(),
                    entry.replayable(),
                    entry.attemptLog().stream()
                            .map(a -> new AttemptView(a.at(), a.by(), a.outcome(), a.error()))
                            .toList());
        }
    }

    record InboxPage(String status, List<InboxEntryView> items, int page, int size, long total) {}

    @GetMapping("/api/v1/admin/webhooks/inbox")
    InboxPage list(
            @RequestParam(defaultValue = "failed") String status,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        InboxEntries.Status wanted = status(status);
        PageRequest asked = PageParameters.page(page, size);
        List<InboxEntryView> items = inbox.list(wanted, asked.offset(), asked.size()).stream()
                .map(InboxEntryView::of)
                .toList();
        return new InboxPage(
                wanted.name().toLowerCase(Locale.ROOT), items, asked.page(), asked.size(), inbox.count(wanted));
    }

    @PostMapping("/api/v1/admin/webhooks/inbox/{id}/retry")
    InboxEntryView retry(@PathVariable @Pattern(regexp = "[A-Za-z0-9._:-]{1,200}") String id) {
        WebhookInbox.Retried retried = inbox.retry(id);
        return switch (retried.outcome()) {
            case NOT_FOUND -> throw ApiException.notFound("Webhook inbox entry " + id);
            case ALREADY_DONE ->
                throw new ApiException(
                        HttpStatus.CONFLICT, "inbox-entry-done", "The notification " + id + " was processed already.");
            case NOT_REPLAYABLE ->
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "inbox-entry-not-replayable",
                        "The notification " + id + " has no stored payload to run again; only the provider can"
                                + " deliver it again.");
            case PROCESSED, FAILED -> InboxEntryView.of(retried.entry());
        };
    }

    private static InboxEntries.Status status(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "failed" -> InboxEntries.Status.FAILED;
            case "pending" -> InboxEntries.Status.PENDING;
            case "done" -> InboxEntries.Status.DONE;
            default -> throw ApiException.badRequest("invalid-inbox-status", "status must be failed, pending or done.");
        };
    }
}
