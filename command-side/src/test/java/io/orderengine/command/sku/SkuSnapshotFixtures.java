package io.orderengine.command.sku;

import static io.orderengine.command.sku.SkuFixtures.ORDER_A;
import static io.orderengine.command.sku.SkuFixtures.ORDER_B;
import static io.orderengine.command.sku.SkuFixtures.SKU;
import static io.orderengine.command.sku.SkuFixtures.aRegisteredSku;
import static io.orderengine.command.sku.SkuFixtures.skuFixture;
import static io.orderengine.messages.sku.StockRejectionReason.INSUFFICIENT_STOCK;

import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.sku.ReceiveStockCommand;
import java.util.function.Consumer;

/** Hands out a Sku rebuilt from a busy history, for tests outside this package. */
public final class SkuSnapshotFixtures {

    private static final OrderId ORDER_C = new OrderId("00000000-0000-4000-8000-00000000000c");
    private static final OrderId ORDER_D = new OrderId("00000000-0000-4000-8000-00000000000d");
    private static final OrderId ORDER_E = new OrderId("00000000-0000-4000-8000-00000000000e");

    private SkuSnapshotFixtures() {}

    /** Orders in every stock state: reserved, committed, restocked, released, rejected; and deactivated. */
    public static void captureBusySku(Consumer<Sku> sink) {
        skuFixture()
                .given(aRegisteredSku()
                        .received(20)
                        .reserved(ORDER_A, 2)
                        .reserved(ORDER_B, 3)
                        .committed(ORDER_B)
                        .reserved(ORDER_C, 1)
                        .committed(ORDER_C)
                        .restocked(ORDER_C)
                        .reserved(ORDER_D, 4)
                        .released(ORDER_D)
                        .rejected(ORDER_E, 99, INSUFFICIENT_STOCK)
                        .deactivated()
                        .events())
                .when(new ReceiveStockCommand(SKU, 1, "delivery"))
                .expectState(sink::accept);
    }
}
