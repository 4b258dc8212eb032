package io.orderengine.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.infrastructure.privacy.PrivacyConfiguration;
import io.orderengine.infrastructure.privacy.PrivacyProperties;
import io.orderengine.testkit.InMemoryMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** What Axon stores through the configured serializers must come back equal, or processors stall after a restart. */
class SerializerRoundTripTest {

    private final AxonMongoConfiguration configuration = new AxonMongoConfiguration();

    @Test
    void trackingTokensSurviveARoundTrip() {
        try (InMemoryMongo mongo = InMemoryMongo.start()) {
            trackingTokensSurviveARoundTrip(configuration.serializer(PrivacyConfiguration.cipher(
                    mongo.database(),
                    new SecretKeySpec(new byte[32], "AES"),
                    new PrivacyProperties(null, null, 10, Duration.ofMinutes(1), true))));
        }
    }

    private static void trackingTokensSurviveARoundTrip(Serializer serializer) {
        MongoTrackingToken head = MongoTrackingToken.of(
                Instant.parse("2026-11-22T05:34:20.098Z"),
                Map.of("a", Instant.parse("2026-11-22T05:34:20.098Z").toEpochMilli()));
        MongoTrackingToken current = MongoTrackingToken.of(Instant.parse("2026-11-22T05:30:00Z"), "b");
        TrackingToken replay = ReplayToken.createReplayToken(head, current);

        SerializedObject<byte[]> serialized = serializer.serialize(replay, byte[].class);
        TrackingToken back = serializer.deserialize(serialized);

        assertThat(back).isEqualTo(replay);
    }
}
