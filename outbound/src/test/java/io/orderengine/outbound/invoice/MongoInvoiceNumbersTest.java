package io.orderengine.outbound.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoInvoiceNumbersTest {

    private MongoServer server;
    private MongoClient client;
    private MongoInvoiceNumbers numbers;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://" + hostAndPort(server.bind()));
        numbers = new MongoInvoiceNumbers(client.getDatabase("invoice_numbers_test"));
        numbers.createIndexes();
    }

    private static String hostAndPort(java.net.InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void countsPerSellerAndYearFromOne() {
        assertThat(numbers.numberFor("order-1", "SA:310122393500003", 2026)).isEqualTo(1);
        assertThat(numbers.numberFor("order-2", "SA:310122393500003", 2026)).isEqualTo(2);
        assertThat(numbers.numberFor("order-3", "SA:310122393500003", 2027)).isEqualTo(1);
        assertThat(numbers.numberFor("order-4", "Other Seller", 2026)).isEqualTo(1);
    }

    @Test
    void anOrderKeepsItsFirstNumber() {
        assertThat(numbers.numberFor("order-1", "S", 2026)).isEqualTo(1);
        assertThat(numbers.numberFor("order-2", "S", 2026)).isEqualTo(2);

        assertThat(numbers.numberFor("order-1", "S", 2026)).isEqualTo(1);
        assertThat(numbers.numberFor("order-1", "S", 2027)).isEqualTo(1);
    }

    @Test
    void concurrentInvoicesGetOneToNWithoutGapsOrRepeatsAndRacesForOneOrderAgree() throws Exception {
        int orders = 60;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<long[]>> calls = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                String orderId = "order-" + i;
                // each order asked for twice at once, as by the confirmation e-mail and a download
                calls.add(
                        () -> new long[] {Long.parseLong(orderId.substring(6)), numbers.numberFor(orderId, "S", 2026)});
                calls.add(
                        () -> new long[] {Long.parseLong(orderId.substring(6)), numbers.numberFor(orderId, "S", 2026)});
            }
            long[] byOrder = new long[orders];
            for (Future<long[]> answer : pool.invokeAll(calls)) {
                long[] pair = answer.get();
                int order = (int) pair[0];
                assertThat(byOrder[order]).isIn(0L, pair[1]);
                byOrder[order] = pair[1];
            }
            assertThat(byOrder)
                    .containsExactlyInAnyOrder(LongStream.rangeClosed(1, orders).toArray());
        } finally {
            pool.shutdownNow();
        }
    }
}
