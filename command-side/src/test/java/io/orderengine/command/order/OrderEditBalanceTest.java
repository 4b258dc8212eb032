package io.orderengine.command.order;

import static io.orderengine.command.order.OrderAggregateFixture.orderFixture;
import static io.orderengine.testkit.OrderFixtures.ADMIN;
import static io.orderengine.testkit.OrderFixtures.ALICE;
import static io.orderengine.testkit.OrderFixtures.MUG;
import static io.orderengine.testkit.OrderFixtures.ORDER_ID;
import static io.orderengine.testkit.OrderFixtures.ORDER_NUMBER;
import static io.orderengine.testkit.OrderFixtures.PAYMENT_REF;
import static io.orderengine.testkit.OrderFixtures.TEL_AVIV;
import static io.orderengine.testkit.OrderFixtures.TOTALS;
import static io.orderengine.testkit.OrderFixtures.TSHIRT;
import static io.orderengine.testkit.OrderFixtures.anOrderIn;
import static io.orderengine.testkit.OrderFixtures.eur;
import static io.orderengine.testkit.OrderFixtures.mugs;
import static io.orderengine.testkit.OrderFixtures.tshirts;

import io.orderengine.messages.order.AwaitEditBalanceCommand;
import io.orderengine.messages.order.EditBalanceAuthorizedEvent;
import io.orderengine.messages.order.EditBalanceAwaitingPaymentEvent;
import io.orderengine.messages.order.EditBalancePaidEvent;
import io.orderengine.messages.order.EditBalancePaidLateEvent;
import io.orderengine.messages.order.EditBalanceRequestedEvent;
import io.orderengine.messages.order.EditOrderCommand;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditRolledBackEvent;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.PaymentStatus;
import io.orderengine.messages.order.RecordEditBalanceAuthorizationCommand;
import io.orderengine.messages.order.RecordEditBalanceCaptureCommand;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.messages.order.RequestRefundCommand;
import io.orderengine.messages.order.RollBackOrderEditCommand;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A paid order edited to a higher total owes the balance. The order holds 2 T-shirts (64.90 EUR to Tel Aviv); adding
 * a blue mug at 12.50 makes it 79.65: a balance of 14.75.
 */
class OrderEditBalanceTest {

    private static final String BALANCE_REF = "sbx_balance_1";
    private static final PaymentAction BALANCE_ACTION =
            new PaymentAction("sandbox", "/api/v1/payments/sandbox/" + BALANCE_REF, null);
    private static final List<OrderEditChange> ADD_A_MUG = List.of(OrderEditChange.addLine(MUG, 1));

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = orderFixture();
    }

    @Test
    void raisingThePaidTotalAsksForTheBalance() {
        fixture.given(anOrderIn(OrderStatus.CONFIRMED).events())
                .when(new EditOrderCommand(
                        ORDER_ID, "ed-1", 1, ADD_A_MUG, List.of(mugs(1)), "customer called", ADMIN, null))
                .expectEvents(
                        edited(),
                        new EditBalanceRequestedEvent(
                                ORDER_ID, "ed-1", ORDER_NUMBER.value(), eur(1475), PaymentMethod.SANDBOX));
    }

    @Test
    void anotherEditWaitsUntilTheBalanceIsSettled() {
        fixture.given(balanceRequested())
                .when(new EditOrderCommand(
                        ORDER_ID,
                        "ed-2",
                        2,
                        List.of(OrderEditChange.setQuantity(TSHIRT, 1)),
                        List.of(),
                        null,
                        ADMIN,
                        null))
                .expectNoEvents()
                .expectException(OrderEditRefusedException.class)
                .expectExceptionMessage("edit ed-1 waits for its balance to be paid; edit again once it is settled");
    }

    @Test
    void theBalancePaymentIsRecordedOnce() {
        fixture.given(balanceRequested())
                .when(new AwaitEditBalanceCommand(ORDER_ID, "ed-1", PaymentMethod.SANDBOX, BALANCE_REF, BALANCE_ACTION))
                .expectEvents(new EditBalanceAwaitingPaymentEvent(
                        ORDER_ID, "ed-1", PaymentMethod.SANDBOX, BALANCE_REF, BALANCE_ACTION));
        fixture.given(awaiting())
                .when(new AwaitEditBalanceCommand(ORDER_ID, "ed-1", PaymentMethod.SANDBOX, BALANCE_REF, BALANCE_ACTION))
                .expectNoEvents();
        fixture.given(awaiting())
                .when(new RecordEditBalanceAuthorizationCommand(ORDER_ID, "ed-1", BALANCE_REF))
                .expectEvents(new EditBalanceAuthorizedEvent(ORDER_ID, "ed-1", BALANCE_REF));
    }

    @Test
    void thePaidBalanceSettlesTheEditAndCountsAsCapturedMoney() {
        fixture.given(awaiting())
                .when(capture("sbx_cap_balance"))
                .expectEvents(new EditBalancePaidEvent(
                        ORDER_ID, "ed-1", BALANCE_REF, "sbx_cap_balance", eur(1475), PaymentStatus.PAID));
        List<Object> paid = awaiting();
        paid.add(new EditBalancePaidEvent(
                ORDER_ID, "ed-1", BALANCE_REF, "sbx_cap_balance", eur(1475), PaymentStatus.PAID));
        fixture.given(paid).when(capture("sbx_cap_balance")).expectNoEvents();
        fixture.given(paid)
                .when(new RequestRefundCommand(ORDER_ID, "r-all", null, ADMIN, "everything"))
                .expectEvents(new RefundRequestedEvent(
                        ORDER_ID, "r-all", eur(7965), PaymentMethod.SANDBOX, PAYMENT_REF, ADMIN, "everything"));
        fixture.given(paid)
                .when(new EditOrderCommand(
                        ORDER_ID,
                        "ed-2",
                        2,
                        List.of(OrderEditChange.setQuantity(TSHIRT, 1)),
                        List.of(),
                        null,
                        ADMIN,
                        null))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aRollbackRestoresTheOrderBeforeTheEditAtANewVersion() {
        fixture.given(awaiting())
                .when(new RollBackOrderEditCommand(ORDER_ID, "ed-1", "balance not paid in time", null))
                .expectEvents(rolledBack());
        List<Object> rolledBack = awaiting();
        rolledBack.add(rolledBack());
        fixture.given(rolledBack)
                .when(new RollBackOrderEditCommand(ORDER_ID, "ed-1", "again", null))
                .expectNoEvents();
        fixture.given(rolledBack)
                .when(new EditOrderCommand(
                        ORDER_ID,
                        "ed-2",
                        3,
                        List.of(OrderEditChange.setQuantity(TSHIRT, 1)),
                        List.of(),
                        null,
                        ADMIN,
                        null))
                .expectResultMessagePayloadMatching(
                        new org.hamcrest.CustomTypeSafeMatcher<io.orderengine.messages.order.OrderEditPreview>(
                                "version 4 from the restored total") {
                            @Override
                            protected boolean matchesSafely(io.orderengine.messages.order.OrderEditPreview preview) {
                                return preview.version() == 4
                                        && preview.before().equals(TOTALS);
                            }
                        });
    }

    @Test
    void anEditIsNotRolledBackOnceSomethingShipped() {
        List<Object> shipped = awaiting();
        shipped.add(new io.orderengine.messages.order.OrderProcessingStartedEvent(
                ORDER_ID, OrderStatus.CONFIRMED, ADMIN, null));
        shipped.add(new io.orderengine.messages.order.OrderShippedEvent(
                ORDER_ID, OrderStatus.PROCESSING, "TRACK-1", null, ADMIN, null));
        fixture.given(shipped)
                .when(new RollBackOrderEditCommand(ORDER_ID, "ed-1", "balance not paid in time", null))
                .expectNoEvents()
                .expectException(OrderEditRefusedException.class);
    }

    @Test
    void aBalanceCapturedAfterTheRollbackIsMoneyPaidLate() {
        List<Object> rolledBack = awaiting();
        rolledBack.add(rolledBack());
        fixture.given(rolledBack)
                .when(capture("sbx_cap_late"))
                .expectEvents(new EditBalancePaidLateEvent(
                        ORDER_ID, "ed-1", PaymentMethod.SANDBOX, BALANCE_REF, "sbx_cap_late", eur(1475)));
        rolledBack.add(new EditBalancePaidLateEvent(
                ORDER_ID, "ed-1", PaymentMethod.SANDBOX, BALANCE_REF, "sbx_cap_late", eur(1475)));
        fixture.given(rolledBack).when(capture("sbx_cap_late")).expectNoEvents();
    }

    private static RecordEditBalanceCaptureCommand capture(String captureReference) {
        return new RecordEditBalanceCaptureCommand(
                ORDER_ID, "ed-1", PaymentMethod.SANDBOX, BALANCE_REF, captureReference, eur(1475));
    }

    private static List<Object> balanceRequested() {
        List<Object> events = new ArrayList<>(anOrderIn(OrderStatus.CONFIRMED).events());
        events.add(edited());
        events.add(new EditBalanceRequestedEvent(
                ORDER_ID, "ed-1", ORDER_NUMBER.value(), eur(1475), PaymentMethod.SANDBOX));
        return events;
    }

    private static List<Object> awaiting() {
        List<Object> events = balanceRequested();
        events.add(new EditBalanceAwaitingPaymentEvent(
                ORDER_ID, "ed-1", PaymentMethod.SANDBOX, BALANCE_REF, BALANCE_ACTION));
        return events;
    }

    private static OrderEditRolledBackEvent rolledBack() {
        return new OrderEditRolledBackEvent(
                ORDER_ID,
                "ed-1",
                3,
                List.of(tshirts(2)),
                List.of(
                        new EditedLine(TSHIRT, "Red T-shirt M", eur(2500), 2, 2),
                        new EditedLine(MUG, "Blue mug", eur(1250), 1, 0)),
                TOTALS,
                TEL_AVIV,
                PaymentStatus.PAID,
                "balance not paid in time",
                Order.CHECKOUT,
                ALICE);
    }

    private static OrderEditedEvent edited() {
        return new OrderEditedEvent(
                ORDER_ID,
                "ed-1",
                2,
                ADD_A_MUG,
                "customer called",
                List.of(tshirts(2), mugs(1)),
                List.of(
                        new EditedLine(TSHIRT, "Red T-shirt M", eur(2500), 2, 2),
                        new EditedLine(MUG, "Blue mug", eur(1250), 0, 1)),
                TOTALS,
                new OrderTotals(eur(6250), eur(0), eur(500), eur(1215), eur(7965), 1800),
                TEL_AVIV,
                eur(1475),
                true,
                ADMIN,
                ALICE,
                null);
    }
}
