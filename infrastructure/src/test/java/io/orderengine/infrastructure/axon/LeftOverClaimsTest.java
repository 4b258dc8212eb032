package io.orderengine.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.infrastructure.store.index.IndexedH2Backend;
import io.orderengine.testkit.TestMongo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lone engine on its embedded store releases, before its processors start, the claims an earlier run left in the
 * store (killed, or its data copied to another folder); engines that may share their store leave them to lapse.
 */
class LeftOverClaimsTest {

    private static final String PROCESSOR = "checkout-saga";

    private final TestMongo mongo = TestMongo.start(IndexedH2Backend::inMemory);
    private final MongoTemplate template =
            DefaultMongoTemplate.builder().mongoDatabase(mongo.database()).build();
    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(AxonMongoConfiguration.messageObjectMapper())
            .build();

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void aLoneEngineTakesOverTheClaimsOfAnEarlierRunAtOnce() {
        claimedByAnEarlierRun();

        TokenStore tokens = new AxonMongoConfiguration()
                .tokenStore(template, serializer, SegmentClaims.of(Optional.of(Path.of("moved", "engine.mv")), false));

        assertThat(tokens.fetchToken(PROCESSOR, 0)).isEqualTo(new GlobalSequenceTrackingToken(41));
        assertThat(tokens.fetchToken(PROCESSOR, 1)).isEqualTo(new GlobalSequenceTrackingToken(41));
    }

    @Test
    void instancesThatMayShareTheStoreWaitForTheClaimsToLapse() {
        claimedByAnEarlierRun();

        TokenStore tokens = new AxonMongoConfiguration().tokenStore(template, serializer, SegmentClaims.SHARED);

        assertThatThrownBy(() -> tokens.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    private void claimedByAnEarlierRun() {
        MongoTokenStore earlier = MongoTokenStore.builder()
                .mongoTemplate(template)
                .serializer(serializer)
                .transactionManager(NoTransactionManager.INSTANCE)
                .claimTimeout(Duration.ofMinutes(10))
                .nodeId("embedded:/var/lib/engine/data/engine.mv")
                .build();
        earlier.initializeTokenSegments(PROCESSOR, 2, new GlobalSequenceTrackingToken(41));
        earlier.fetchToken(PROCESSOR, 0);
        earlier.fetchToken(PROCESSOR, 1);
    }
}
