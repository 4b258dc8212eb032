package io.orderengine.api.demo;

import io.orderengine.api.security.DemoMode;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.sku.ReceiveStockCommand;
import io.orderengine.messages.sku.RegisterSkuCommand;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo mode: registers a few SKUs with stock at start-up ({@code engine.demo.seed-skus}, default on in demo mode),
 * once per store: a SKU that already exists is left as it is.
 */
@Component
class DemoCatalogueSeeder {

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogueSeeder.class);

    private record DemoSku(String code, String name, long priceMinor, int stock, Map<String, String> attributes) {}

    private static final List<DemoSku> SKUS = List.of(
            new DemoSku("DEMO-MUG", "Enamel mug", 1250, 25, Map.of("color", "blue")),
            new DemoSku("TSHIRT-RED-M", "Red T-shirt M", 2500, 40, Map.of("color", "red", "size", "M")),
            new DemoSku("TSHIRT-RED-L", "Red T-shirt L", 2500, 3, Map.of("color", "red", "size", "L")),
            new DemoSku("POSTER-A2", "Harbour poster A2", 1800, 12, Map.of("format", "A2")));

    private final CommandGateway commands;
    private final boolean enabled;

    DemoCatalogueSeeder(CommandGateway commands, DemoMode demoMode, Environment environment) {
        this.commands = commands;
        this.enabled = environment.getProperty("engine.demo.seed-skus", Boolean.class, demoMode.enabled());
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!enabled) {
            return;
        }
        int created = 0;
        for (DemoSku sku : SKUS) {
            SkuCode code = new SkuCode(sku.code());
            try {
                commands.sendAndWait(new RegisterSkuCommand(
                        code, sku.name(), Money.of(sku.priceMinor(), "EUR"), 2, sku.attributes(), null));
            } catch (AggregateStreamCreationException alreadyThere) {
                continue;
            }
            commands.sendAndWait(new ReceiveStockCommand(code, sku.stock(), "demo seed"));
            created++;
        }
        log.info("Demo catalogue: {} SKUs registered ({} already there)", created, SKUS.size() - created);
    }
}
