package io.orderengine.infrastructure.inspection;

import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.SagaEntry;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The sagas as they are in Axon's saga store, read with the serializer the store writes them with. Read-only: a saga
 * read here is a copy, changing it changes nothing.
 */
@Component
public class StoredSagas {

    private final MongoTemplate axonMongoTemplate;
    private final Serializer stateSerializer;

    public StoredSagas(MongoTemplate axonMongoTemplate, @Qualifier("stateSerializer") Serializer stateSerializer) {
        this.axonMongoTemplate = axonMongoTemplate;
        this.stateSerializer = stateSerializer;
    }

    /** One saga entry: its identifier and its state (null when it cannot be read). */
    public record StoredSaga<S>(String sagaId, S saga) {}

    /** Every saga of {@code type} in the store. */
    public <S> List<StoredSaga<S>> all(Class<S> type) {
        return read(type, axonMongoTemplate.sagaCollection().find(Filters.eq("sagaType", type.getName())));
    }

    /** The sagas of {@code type} with these identifiers that are still in the store. */
    public <S> List<StoredSaga<S>> byIds(Class<S> type, Collection<String> sagaIds) {
        if (sagaIds.isEmpty()) {
            return List.of();
        }
        return read(
                type,
                axonMongoTemplate
                        .sagaCollection()
                        .find(Filters.and(
                                Filters.eq("sagaType", type.getName()), Filters.in("sagaIdentifier", sagaIds))));
    }

    private <S> List<StoredSaga<S>> read(Class<S> type, Iterable<Document> documents) {
        List<StoredSaga<S>> sagas = new ArrayList<>();
        for (Document document : documents) {
            Object saga = new SagaEntry<>(document).getSaga(stateSerializer);
            sagas.add(new StoredSaga<>(
                    document.getString("sagaIdentifier"), type.isInstance(saga) ? type.cast(saga) : null));
        }
        return sagas;
    }
}
