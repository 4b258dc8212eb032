package io.orderengine.infrastructure.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shared rate-limit buckets on the embedded store, used by two clients as two engine instances would: the
 * compare-and-swap must never hand out more tokens than the bucket holds, however the requests interleave.
 */
class MongoBucketProxyManagerTest {

    private static final Supplier<BucketConfiguration> FIFTY_PER_HOUR = () -> BucketConfiguration.builder()
            .addLimit(Bandwidth.builder()
                    .capacity(50)
                    .refillIntervally(50, Duration.ofHours(1))
                    .build())
            .build();

    private MongoServer server;
    private MongoClient instanceA;
    private MongoClient instanceB;

    @BeforeEach
    void startStore() {
        server = new MongoServer(H2Backend.inMemory());
        String uri = server.bindAndGetConnectionString();
        instanceA = MongoClients.create(uri);
        instanceB = MongoClients.create(uri);
    }

    @AfterEach
    void stopStore() {
        instanceA.close();
        instanceB.close();
        server.shutdownNow();
    }

    private static MongoBucketProxyManager buckets(MongoClient client) {
        MongoCollection<Document> collection = client.getDatabase("limits").getCollection("rate_limit_buckets");
        return new MongoBucketProxyManager(collection, Clock.systemUTC());
    }

    @Test
    void twoInstancesHammeringOneBucketConsumeExactlyItsCapacity() throws Exception {
        MongoBucketProxyManager a = buckets(instanceA);
        MongoBucketProxyManager b = buckets(instanceB);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int worker = 0; worker < 8; worker++) {
                MongoBucketProxyManager instance = worker % 2 == 0 ? a : b;
                attempts.add(() -> {
                    int consumed = 0;
                    for (int i = 0; i < 15; i++) {
                        if (instance.getProxy("sub:erin", FIFTY_PER_HOUR).tryConsume(1)) {
                            consumed++;
                        }
                    }
                    return consumed;
                });
            }
            int total = 0;
            for (Future<Integer> result : threads.invokeAll(attempts)) {
                total += result.get();
            }
            assertThat(total).as("120 attempts on a bucket of 50").isEqualTo(50);
        } finally {
            threads.shutdownNow();
        }
        assertThat(a.getProxy("sub:erin", FIFTY_PER_HOUR).getAvailableTokens()).isZero();
        assertThat(b.getProxy("sub:frank", FIFTY_PER_HOUR).tryConsume(1))
                .as("other clients keep their own bucket")
                .isTrue();
    }

    @Test
    void idleBucketsAreRemovedAndStartFullAgain() {
        MongoBucketProxyManager a = buckets(instanceA);
        assertThat(a.getProxy("ip:10.0.0.7", FIFTY_PER_HOUR).tryConsume(50)).isTrue();
        assertThat(a.getProxy("ip:10.0.0.7", FIFTY_PER_HOUR).tryConsume(1)).isFalse();

        assertThat(a.removeIdle(Instant.now().minusSeconds(60))).isZero();
        assertThat(a.removeIdle(Instant.now().plusSeconds(60))).isEqualTo(1);

        assertThat(buckets(instanceB).getProxy("ip:10.0.0.7", FIFTY_PER_HOUR).tryConsume(50))
                .isTrue();
    }
}
