package io.orderengine.command.sku;

import static io.orderengine.command.sku.SkuFixtures.ORDER_A;
import static io.orderengine.command.sku.SkuFixtures.SKU;
import static io.orderengine.command.sku.SkuFixtures.aRegisteredSku;
import static io.orderengine.command.sku.SkuFixtures.skuFixture;

import io.orderengine.messages.sku.RestockReturnedUnitsCommand;
import io.orderengine.messages.sku.ReturnedUnitsRestockedEvent;
import org.junit.jupiter.api.Test;

/** Units of a received return go back on hand, once per return. 10 received, 3 sold to order A (7 on hand). */
class SkuReturnRestockTest {

    private static RestockReturnedUnitsCommand restock(String returnId, int quantity) {
        return new RestockReturnedUnitsCommand(SKU, ORDER_A, returnId, quantity, "return " + returnId);
    }

    @Test
    void putsTheReturnedUnitsBackOnHand() {
        skuFixture()
                .given(aRegisteredSku()
                        .received(10)
                        .reserved(ORDER_A, 3)
                        .committed(ORDER_A)
                        .events())
                .when(restock("R1", 1))
                .expectEvents(new ReturnedUnitsRestockedEvent(SKU, ORDER_A, "R1", 1, "return R1", 8, 8));
    }

    @Test
    void aRepeatedRestockOfTheSameReturnChangesNothing() {
        skuFixture()
                .given(aRegisteredSku()
                        .received(10)
                        .reserved(ORDER_A, 3)
                        .committed(ORDER_A)
                        .events())
                .andGiven(new ReturnedUnitsRestockedEvent(SKU, ORDER_A, "R1", 1, "return R1", 8, 8))
                .when(restock("R1", 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherReturnOfTheSameOrderIsRestockedToo() {
        skuFixture()
                .given(aRegisteredSku()
                        .received(10)
                        .reserved(ORDER_A, 3)
                        .committed(ORDER_A)
                        .events())
                .andGiven(new ReturnedUnitsRestockedEvent(SKU, ORDER_A, "R1", 1, "return R1", 8, 8))
                .when(restock("R2", 2))
                .expectEvents(new ReturnedUnitsRestockedEvent(SKU, ORDER_A, "R2", 2, "return R2", 10, 10));
    }

    @Test
    void refusesUnitsOfAnOrderWhoseStockWasNeverCommitted() {
        skuFixture()
                .given(aRegisteredSku().received(10).reserved(ORDER_A, 3).events())
                .when(restock("R1", 1))
                .expectNoEvents()
                .expectException(OrderStockNotFoundException.class);
    }
}
