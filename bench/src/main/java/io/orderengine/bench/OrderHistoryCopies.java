package io.orderengine.bench;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Grows the event log for the replay scenario without hours of checkouts: the events of the orders placed through
 * the API are copied under new order ids and order numbers and appended through the event storage engine itself
 * (whichever it is), each order's copy in one commit, with the original events' timestamps.
 */
final class OrderHistoryCopies {

    private static final Pattern ORDER_NUMBER = Pattern.compile("ORD-\\d{8}-\\d{6}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private OrderHistoryCopies() {}

    static long append(EventStorageEngine storage, Serializer serializer, int copies) {
        Map<String, List<DomainEventMessage<?>>> orders = new LinkedHashMap<>();
        List<? extends EventMessage<?>> all = storage.readEvents(null, false).collect(Collectors.toList());
        for (EventMessage<?> event : all) {
            if (event instanceof DomainEventMessage<?> domain
                    && domain.getAggregateIdentifier() != null
                    && domain.getPayloadType().getName().startsWith("io.orderengine.messages.order.")) {
                orders.computeIfAbsent(domain.getAggregateIdentifier(), id -> new ArrayList<>())
                        .add(domain);
            }
        }
        orders.values()
                .forEach(stream -> stream.sort((a, b) -> Long.compare(a.getSequenceNumber(), b.getSequenceNumber())));
        long appended = 0;
        for (int copy = 1; copy <= copies; copy++) {
            String day = LocalDate.of(2099, 1, 1).plusDays(copy).format(DAY);
            int number = 0;
            List<DomainEventMessage<?>> commit = new ArrayList<>();
            for (Map.Entry<String, List<DomainEventMessage<?>>> order : orders.entrySet()) {
                String oldId = order.getKey();
                String newId = UUID.randomUUID().toString();
                String newNumber = String.format("ORD-%s-%06d", day, ++number);
                for (DomainEventMessage<?> original : order.getValue()) {
                    commit.add(copyOf(original, serializer, oldId, newId, newNumber));
                }
                if (commit.size() >= 500) {
                    storage.appendEvents(commit);
                    appended += commit.size();
                    commit = new ArrayList<>();
                }
            }
            if (!commit.isEmpty()) {
                storage.appendEvents(commit);
                appended += commit.size();
            }
        }
        return appended;
    }

    private static DomainEventMessage<?> copyOf(
            DomainEventMessage<?> original, Serializer serializer, String oldId, String newId, String newNumber) {
        SerializedObject<String> payload = original.serializePayload(serializer, String.class);
        Object copiedPayload = serializer.deserialize(new SimpleSerializedObject<>(
                rewrite(payload.getData(), oldId, newId, newNumber), String.class, payload.getType()));
        SerializedObject<String> metaData = original.serializeMetaData(serializer, String.class);
        MetaData copiedMetaData = serializer.deserialize(new SimpleSerializedObject<>(
                rewrite(metaData.getData(), oldId, newId, newNumber), String.class, metaData.getType()));
        return new GenericDomainEventMessage<>(
                original.getType(),
                newId,
                original.getSequenceNumber(),
                copiedPayload,
                copiedMetaData,
                UUID.randomUUID().toString(),
                original.getTimestamp());
    }

    private static String rewrite(String json, String oldId, String newId, String newNumber) {
        if (json == null) {
            return null;
        }
        return ORDER_NUMBER.matcher(json.replace(oldId, newId)).replaceAll(Matcher.quoteReplacement(newNumber));
    }
}
