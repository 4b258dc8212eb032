package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.aPlacedOrderHistory;

import io.orderengine.messages.order.AddAdminNoteCommand;
import java.util.function.Consumer;

/** Hands out an Order rebuilt from a busy history, for tests outside this package. */
public final class OrderSnapshotFixtures {

    private OrderSnapshotFixtures() {}

    /** Paid, partly refunded, one refund in flight, and now in ATTENTION. */
    public static void captureBusyOrder(Consumer<Order> sink) {
        orderFixture()
                .given(aPlacedOrderHistory()
                        .awaitingPayment()
                        .authorized()
                        .confirmed()
                        .refundRequested("r-1", 1000)
                        .refunded("r-1", "sbx_re_1", 1000)
                        .refundRequested("r-2", 500)
                        .flagged()
                        .events())
                .when(new AddAdminNoteCommand(ORDER_ID, ADMIN, "checking the dispute"))
                .expectState(sink::accept);
    }
}
