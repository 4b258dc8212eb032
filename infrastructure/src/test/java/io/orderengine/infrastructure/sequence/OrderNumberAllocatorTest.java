package io.orderengine.infrastructure.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.orderengine.messages.common.OrderNumber;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Order numbers stay unique under concurrency, on the embedded server whose findOneAndUpdate is not atomic. */
class OrderNumberAllocatorTest {

    private MongoServer server;
    private MongoClient client;
    private OrderNumberAllocator allocator;

    @BeforeEach
    void embeddedStore() {
        server = new MongoServer(H2Backend.inMemory());
        client = MongoClients.create(server.bindAndGetConnectionString());
        allocator = new OrderNumberAllocator(client.getDatabase("numbers"));
    }

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void numbersAreSequentialPerDayAndStartOverTheNextDay() {
        LocalDate day = LocalDate.of(2026, 11, 22);
        assertThat(allocator.next(day).value()).isEqualTo("ORD-20261122-000001");
        assertThat(allocator.next(day).value()).isEqualTo("ORD-20261122-000002");
        assertThat(allocator.next(day.plusDays(1)).value()).isEqualTo("ORD-20261123-000001");
    }

    @Test
    void sixteenThreadsNeverGetTheSameNumber() throws Exception {
        LocalDate day = LocalDate.of(2026, 11, 22);
        Set<String> numbers = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            workers.add(pool.submit(() -> {
                int duplicates = 0;
                for (int i = 0; i < 100; i++) {
                    OrderNumber number = allocator.next(day);
                    if (!numbers.add(number.value())) {
                        duplicates++;
                    }
                }
                return duplicates;
            }));
        }
        int duplicates = 0;
        for (Future<Integer> worker : workers) {
            duplicates += worker.get();
        }
        pool.shutdown();
        assertThat(duplicates).isZero();
        assertThat(numbers).hasSize(1600);
    }
}
