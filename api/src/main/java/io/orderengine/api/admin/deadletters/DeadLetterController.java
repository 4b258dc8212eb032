package io.orderengine.api.admin.deadletters;

import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.PageParameters;
import io.orderengine.infrastructure.inspection.DeadLetterSequences;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.outbound.mail.OrderNotifications;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins see the events a processor could not handle (for now: emails that could not be sent) and retry them once
 * the cause is fixed. A dead letter is named by the id of its event. Retrying one retries its whole sequence (the
 * other dead events of the same order, oldest first), because later events of an order must not overtake earlier
 * ones; the retry stops at the first event that fails again, which stays in the queue with its new cause.
 */
@RestController
@Validated
class DeadLetterController {

    private final EventProcessingConfiguration processing;

    DeadLetterController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** One dead event: where it is queued, what it is, why it failed. */
    record DeadLetterView(
            String id,
            String processingGroup,
            String sequence,
            int positionInSequence,
            String eventType,
            Cause cause,
            Instant enqueuedAt,
            Instant lastTouched,
            Map<String, Object> diagnostics) {}

    /** The exception that sent the event here: its class and message. */
    record Cause(String type, String message) {}

    record DeadLetterPage(List<DeadLetterView> items, int page, int size, long total) {}

    /** The outcome of a retry: whether the whole sequence went through, and what is still dead in it. */
    record RetryResult(String id, boolean succeeded, List<DeadLetterView> stillDead) {}

    @GetMapping("/api/v1/admin/dead-letters")
    DeadLetterPage list(
            @RequestParam(defaultValue = OrderNotifications.PROCESSING_GROUP) @Pattern(regexp = "[a-z0-9-]{1,64}")
                    String processingGroup,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        PageRequest asked = PageParameters.page(page, size);
        List<DeadLetterView> all = all(processingGroup);
        int from = (int) Math.min(asked.offset(), all.size());
        int to = Math.min(from + asked.size(), all.size());
        return new DeadLetterPage(all.subList(from, to), asked.page(), asked.size(), all.size());
    }

    @PostMapping("/api/v1/admin/dead-letters/{id}/retry")
    RetryResult retry(
            @PathVariable @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}") String id,
            @RequestParam(defaultValue = OrderNotifications.PROCESSING_GROUP) @Pattern(regexp = "[a-z0-9-]{1,64}")
                    String processingGroup) {
        DeadLetterView letter = all(processingGroup).stream()
                .filter(l -> l.id().equals(id))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("Dead letter " + id));
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(processingGroup)
                .orElseThrow(() -> ApiException.notFound("Dead-letter queue " + processingGroup));
        String head = headOf(processingGroup, letter.sequence())
                .orElseThrow(() -> ApiException.notFound("Dead letter " + id));
        processor.process(dead -> dead.message().getIdentifier().equals(head));
        List<DeadLetterView> stillDead = all(processingGroup).stream()
                .filter(l -> l.sequence().equals(letter.sequence()))
                .toList();
        return new RetryResult(id, stillDead.isEmpty(), stillDead);
    }

    private Optional<String> headOf(String group, String sequence) {
        return all(group).stream()
                .filter(l -> l.sequence().equals(sequence) && l.positionInSequence() == 0)
                .map(DeadLetterView::id)
                .findFirst();
    }

    private List<DeadLetterView> all(String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing
                .deadLetterQueue(group)
                .orElseThrow(() -> ApiException.notFound("Dead-letter queue " + group));
        List<DeadLetterView> letters = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            int position = 0;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                letters.add(view(group, DeadLetterSequences.sequenceOf(letter), position++, letter));
            }
        }
        letters.sort((a, b) -> a.enqueuedAt().compareTo(b.enqueuedAt()));
        return letters;
    }

    private static DeadLetterView view(
            String group, String sequence, int position, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Cause cause = letter.cause().map(c -> new Cause(c.type(), c.message())).orElse(null);
        return new DeadLetterView(
                message.getIdentifier(),
                group,
                sequence,
                position,
                message.getPayloadType().getSimpleName(),
                cause,
                letter.enqueuedAt(),
                letter.lastTouched(),
                new TreeMap<>(letter.diagnostics()));
    }
}
