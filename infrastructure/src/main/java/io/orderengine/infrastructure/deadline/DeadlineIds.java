package io.orderengine.infrastructure.deadline;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The id a deadline is scheduled under. While a message is handled, the id is derived from that message's id, the
 * deadline's name and scope, and how many deadlines of that name and scope its handling scheduled before: a message
 * handled a second time schedules the same deadline under the same id, so it replaces the first one instead of
 * adding another. That second handling happens when an engine dies after its deadline was stored but before its
 * tracking token moved on, and another engine (or the restarted one) handles the event again; with a random id the
 * first deadline would be left behind and fall as well, for example after the saga had moved its deadline later.
 * Outside the handling of a message the id is random.
 */
final class DeadlineIds {

    private static final String ORDINALS = DeadlineIds.class.getName() + ".ordinals";

    private DeadlineIds() {}

    static String next(String deadlineName, String serializedScope) {
        if (!CurrentUnitOfWork.isStarted()) {
            return IdentifierFactory.getInstance().generateIdentifier();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Message<?> handled = unitOfWork.getMessage();
        if (handled == null) {
            return IdentifierFactory.getInstance().generateIdentifier();
        }
        Map<String, Integer> ordinals = unitOfWork.getOrComputeResource(ORDINALS, key -> new HashMap<>());
        String key = handled.getIdentifier() + '\u0000' + deadlineName + '\u0000' + serializedScope;
        int ordinal = ordinals.merge(key, 1, Integer::sum);
        return UUID.nameUUIDFromBytes((key + '\u0000' + ordinal).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
