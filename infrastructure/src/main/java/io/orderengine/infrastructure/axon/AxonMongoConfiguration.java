package io.orderengine.infrastructure.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.orderengine.infrastructure.privacy.PersonalDataCipher;
import io.orderengine.infrastructure.privacy.PersonalDataSerializer;
import io.orderengine.infrastructure.store.Store;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on MongoDB, wired by hand (the axon-mongo starter is stale and would bring a Mongo transaction manager the
 * embedded store cannot serve): serializers, tracking tokens and sagas live in the engine's database (the event store
 * itself is {@code EventStoreConfiguration}). No Axon Server. Every message is serialized as JSON with a mapper of
 * Axon's own, so the REST API's stricter mapper (unknown fields rejected) never affects stored events.
 */
@Configuration(proxyBeanMethods = false)
public class AxonMongoConfiguration {

    /** Fields of Axon's saga documents (SagaEntry): the association list and the saga's identifier. */
    static final String SAGA_ASSOCIATIONS = "associations";

    static final String SAGA_IDENTIFIER = "sagaIdentifier";

    /** The field of a tracking token's document naming the instance that holds its claim. */
    static final String TOKEN_OWNER = "owner";

    private static final Logger log = LoggerFactory.getLogger(AxonMongoConfiguration.class);

    /** Messages and tracking tokens: plain Jackson, as their classes' own annotations expect. */
    public static ObjectMapper messageObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Aggregate snapshots and sagas keep their state in private fields without getters. (Tracking tokens must not
     * go through this mapper: it reads their fields instead of their annotated accessors and corrupts them.)
     */
    public static ObjectMapper stateObjectMapper() {
        return messageObjectMapper()
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
    }

    /**
     * The general serializer: tracking tokens, dead letters, anything not covered below. Like the events', it keeps
     * personal data encrypted (an event in a dead-letter queue holds what the event holds).
     */
    @Bean
    @Primary
    public Serializer serializer(PersonalDataCipher personalData) {
        return new PersonalDataSerializer(
                JacksonSerializer.builder().objectMapper(messageObjectMapper()).build(), personalData);
    }

    /** Events: plain Jackson, with personal data encrypted per data subject ({@link PersonalDataSerializer}). */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(PersonalDataCipher personalData) {
        return new PersonalDataSerializer(
                JacksonSerializer.builder().objectMapper(messageObjectMapper()).build(), personalData);
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return JacksonSerializer.builder().objectMapper(messageObjectMapper()).build();
    }

    /** Snapshots and sagas (see {@link #stateObjectMapper()}). */
    @Bean
    @Qualifier("stateSerializer")
    public Serializer stateSerializer() {
        return JacksonSerializer.builder().objectMapper(stateObjectMapper()).build();
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabase database) {
        return DefaultMongoTemplate.builder().mongoDatabase(database).build();
    }

    /** How processors claim their segments: Axon's defaults when instances may share the store ({@link SegmentClaims}). */
    @Bean
    public SegmentClaims segmentClaims(
            Store store,
            @Value("#{${engine.cluster.enabled:false} or ${engine.cluster.balance-segments:false}}")
                    boolean clustered) {
        return SegmentClaims.of(store, clustered);
    }

    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, SegmentClaims claims) {
        MongoTokenStore.Builder tokens = MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .transactionManager(NoTransactionManager.INSTANCE)
                .claimTimeout(claims.claimTimeout());
        if (claims.nodeId() != null) {
            tokens.nodeId(claims.nodeId());
        }
        if (claims.leftOverAtStart()) {
            long released = axonMongoTemplate
                    .trackingTokensCollection()
                    .updateMany(Filters.ne(TOKEN_OWNER, null), Updates.set(TOKEN_OWNER, null))
                    .getModifiedCount();
            if (released > 0) {
                log.info("released {} segment claims left over from an earlier run of this store", released);
            }
        }
        return new TokenAfterCommit(new HeldSegments(tokens.build()));
    }

    /**
     * Axon's Mongo saga store, with the indexes its queries need (it declares none): every event a saga type
     * handles looks its sagas up by association ({@code sagaType} and an element {@code {key, value}} of
     * {@code associations}), and every load, update and delete goes by {@code sagaIdentifier}. The tracking token
     * store declares its own unique (processorName, segment) index.
     */
    @Bean
    public SagaStore<Object> sagaStore(
            MongoTemplate axonMongoTemplate, @Qualifier("stateSerializer") Serializer stateSerializer) {
        MongoCollection<Document> sagas = axonMongoTemplate.sagaCollection();
        sagas.createIndex(Indexes.ascending(SAGA_ASSOCIATIONS), new IndexOptions().name(SAGA_ASSOCIATIONS));
        sagas.createIndex(Indexes.ascending(SAGA_IDENTIFIER), new IndexOptions().name(SAGA_IDENTIFIER));
        return MongoSagaStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(stateSerializer)
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
    }
}
