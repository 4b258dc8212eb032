package io.orderengine.messages.privacy;

import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.OrderId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A data subject's key was deleted (crypto-shredding): from now on every personal field of the subject reads as
 * {@link PersonalData#ERASED}, and read models replace what they hold of {@code orderIds}. The subject is named by
 * its key id only (a guest's e-mail must not stay in the log); {@code customerId} is set for a signed-in customer.
 *
 * @param subjectKey the subject's key id (SHA-256 hex of {@link DataSubject#qualified()})
 * @param customerId the customer's subject, or null for a guest
 * @param orderIds   the subject's orders known when it was erased
 * @param reason     why (written by the admin who erased)
 * @param actor      who erased
 * @param erasedAt   when
 */
@Revision("1")
public record DataSubjectErasedEvent(
        String subjectKey, String customerId, List<OrderId> orderIds, String reason, Actor actor, Instant erasedAt) {

    public DataSubjectErasedEvent {
        orderIds = List.copyOf(orderIds);
    }
}
