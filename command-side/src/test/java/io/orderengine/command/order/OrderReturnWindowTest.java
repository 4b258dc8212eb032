package io.orderengine.command.order;

import static io.orderengine.messages.order.OrderStatus.PROCESSING;
import static io.orderengine.testkit.OrderFixtures.CUSTOMER;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;

import io.orderengine.messages.order.RequestReturnCommand;
import io.orderengine.messages.order.ReturnLine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The return window counts from delivery, or from shipping while a shipment is on its way; here "now" is 31 days
 * after both T-shirts shipped (a class of its own: fixture resources are per thread, the first registered wins).
 */
class OrderReturnWindowTest {

    private static final Clock A_MONTH_LATER = Clock.offset(Clock.systemUTC(), Duration.ofDays(31));

    @Test
    void refusesUnitsDeliveredLongerAgoThanTheWindow() {
        OrderAggregateFixture.orderFixture(new ReturnPolicy(Duration.ofDays(30), A_MONTH_LATER))
                .given(anOrderIn(PROCESSING)
                        .shipment("S1", 2, true)
                        .shipmentDelivered("S1")
                        .delivered()
                        .events())
                .when(new RequestReturnCommand(
                        ORDER_ID, List.of(new ReturnLine(TSHIRT, null, 1, "too small")), CUSTOMER))
                .expectNoEvents()
                .expectException(ReturnRefusedException.class)
                .expectExceptionMessage(
                        "cannot return 1 of TSHIRT-RED-M: the return window has closed; still returnable: nothing");
    }
}
