package io.orderengine.bench;

import static io.orderengine.bench.Scenarios.await;
import static io.orderengine.bench.Scenarios.awaitSkusListed;
import static io.orderengine.bench.Scenarios.print;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.query.AdminOrderSearchQuery;
import io.orderengine.messages.query.FindCustomerOrdersQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.testkit.EngineClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;

/**
 * Scenario (6), queries: a customer's order history and the admin's default list, timed while synthetic orders (and
 * their order lists) fill {@code order_details} up to each order count; a status-filtered admin list up to 100,000.
 */
final class QueriesScenario implements Scenario {

    @Override
    public List<Figure> run(Scenarios bench) throws Exception {
        Scenarios.Options options = bench.options();
        List<Figure> figures = new ArrayList<>();
        try (BenchEngine engine = bench.boot()) {
            String admin = engine.client().token("bench-admin", "ADMIN");
            engine.registerSku(admin, "QRY-1", 1500, 1_000_000);
            awaitSkusListed(engine, 1);
            EngineClient.Reply placed =
                    engine.client().checkout(EngineClient.checkoutBody("QRY-1", 1, "query@example.com"), null);
            MongoCollection<Document> details = engine.database().getCollection("order_details");
            await(
                    Duration.ofSeconds(60),
                    () -> details.find(Filters.eq("_id", placed.text("orderId")))
                                    .first()
                            != null);
            Document template =
                    details.find(Filters.eq("_id", placed.text("orderId"))).first();
            QueryGateway queries = engine.bean(QueryGateway.class);
            int customers = 1_000;
            long inserted = details.countDocuments();
            for (int target : options.orderCounts()) {
                long insertStarted = System.nanoTime();
                List<Document> batch = new ArrayList<>(1000);
                for (long i = inserted; i < target; i++) {
                    batch.add(syntheticOrder(template, i, customers));
                    if (batch.size() == 1000) {
                        details.insertMany(batch);
                        batch = new ArrayList<>(1000);
                    }
                }
                if (!batch.isEmpty()) {
                    details.insertMany(batch);
                }
                inserted = Math.max(inserted, target);
                OrderListSeed.seed(engine.database(), target, customers, template.getString("status"));
                double insertSeconds = (System.nanoTime() - insertStarted) / 1e9;
                Latencies history = new Latencies();
                Latencies adminList = new Latencies();
                int runs = target >= 500_000 ? Math.max(10, options.queries() / 5) : options.queries();
                for (int i = 0; i < runs + 3; i++) {
                    String customer =
                            "bench-customer-" + ThreadLocalRandom.current().nextInt(customers);
                    long started = System.nanoTime();
                    queries.query(new FindCustomerOrdersQuery(customer, null, PageRequest.first(20)), Object.class)
                            .get();
                    long middle = System.nanoTime();
                    queries.query(AdminOrderSearchQuery.all(PageRequest.first(20)), Object.class)
                            .get();
                    long done = System.nanoTime();
                    if (i >= 3) {
                        history.add(middle - started);
                        adminList.add(done - middle);
                    }
                }
                print(
                        "(6) queries",
                        engine,
                        String.format(
                                "%8d orders (inserted in %.1f s): customer history %s;" + " admin list %s",
                                target, insertSeconds, history.summary(), adminList.summary()));
                figures.add(new Figure(target + " orders history p99 ms", history.percentileMillis(99)));
                figures.add(new Figure(target + " orders admin list p99 ms", adminList.percentileMillis(99)));
                if (target <= 100_000) {
                    print(
                            "(6) queries",
                            engine,
                            String.format(
                                    "%8d orders: admin list filtered by status (an index"
                                            + " walk and an index count, on the embedded store too) %s",
                                    target, filteredAdminList(queries)));
                }
            }
        }
        return figures;
    }

    /**
     * A filtered admin list, which stays a query on order_details (before the embedded store served indexes, a scan
     * that could exceed the query timeout).
     */
    private static String filteredAdminList(QueryGateway queries) {
        Latencies filtered = new Latencies();
        try {
            for (int i = 0; i < 6; i++) {
                long started = System.nanoTime();
                queries.query(
                                new AdminOrderSearchQuery(
                                        OrderStatus.PENDING, null, null, null, null, null, PageRequest.first(20)),
                                Object.class)
                        .get();
                if (i > 0) {
                    filtered.add(System.nanoTime() - started);
                }
            }
            return filtered.summary();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return "failed after " + filtered.count() + " timed queries: " + e.getCause();
        }
    }

    private static Document syntheticOrder(Document template, long i, int customers) {
        Document order = Document.parse(template.toJson());
        order.put("_id", "bench-order-" + i);
        order.put("orderNumber", String.format("ORD-20250101-%09d", i));
        Document customer = order.get("customer", Document.class);
        if (customer == null) {
            customer = new Document();
        }
        customer.put("customerId", "bench-customer-" + (i % customers));
        customer.put("email", "c" + (i % customers) + "@example.com");
        customer.put("guestTokenHash", null);
        order.put("customer", customer);
        order.put("placedAt", OrderListSeed.placedAt(i));
        order.put("updatedAt", order.get("placedAt"));
        return order;
    }
}
