package io.orderengine.bench;

import static io.orderengine.bench.Scenarios.print;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.sku.ReceiveStockCommand;
import io.orderengine.messages.sku.RegisterSkuCommand;
import io.orderengine.messages.sku.ReserveStockCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * Scenario (5), reservations: stock reservations sent as commands, all on one hot SKU and spread over 1,000 SKUs,
 * in a closed loop of eight workers; reservations per second and the ratio hot/spread.
 */
final class ReservationsScenario implements Scenario {

    @Override
    public List<Figure> run(Scenarios bench) throws Exception {
        Scenarios.Options options = bench.options();
        try (BenchEngine engine = bench.boot()) {
            CommandGateway commands = engine.bean(CommandGateway.class);
            commands.sendAndWait(
                    new RegisterSkuCommand(new SkuCode("HOT-1"), "Hot", Money.of(100, "EUR"), 1, Map.of(), null));
            commands.sendAndWait(new ReceiveStockCommand(new SkuCode("HOT-1"), 1_000_000_000, "received"));
            int spread = 1_000;
            for (int i = 0; i < spread; i++) {
                SkuCode sku = new SkuCode("SPREAD-" + i);
                commands.sendAndWait(
                        new RegisterSkuCommand(sku, "Spread " + i, Money.of(100, "EUR"), 1, Map.of(), null));
                commands.sendAndWait(new ReceiveStockCommand(sku, 1_000_000, "received"));
            }
            int concurrency = 8;
            Instant expires = Instant.now().plus(Duration.ofHours(2));
            ClosedLoop.Result hot = ClosedLoop.run(concurrency, options.warmUp(), options.measured(), (worker, n) -> {
                commands.sendAndWait(new ReserveStockCommand(new SkuCode("HOT-1"), OrderId.random(), 1, expires));
                return true;
            });
            ClosedLoop.Result wide = ClosedLoop.run(concurrency, options.warmUp(), options.measured(), (worker, n) -> {
                SkuCode sku =
                        new SkuCode("SPREAD-" + ThreadLocalRandom.current().nextInt(spread));
                commands.sendAndWait(new ReserveStockCommand(sku, OrderId.random(), 1, expires));
                return true;
            });
            print("(5) reservations", engine, hot.line("hot SKU"));
            print("(5) reservations", engine, wide.line("1000 SKUs"));
            print(
                    "(5) reservations",
                    engine,
                    String.format("ratio hot/spread: %.2fx", hot.perSecond() / wide.perSecond()));
            return List.of(
                    new Figure("hot SKU reservations/s", hot.perSecond()),
                    new Figure("hot SKU p99 ms", hot.latencies().percentileMillis(99)),
                    new Figure("1000 SKUs reservations/s", wide.perSecond()),
                    new Figure("1000 SKUs p99 ms", wide.latencies().percentileMillis(99)));
        }
    }
}
