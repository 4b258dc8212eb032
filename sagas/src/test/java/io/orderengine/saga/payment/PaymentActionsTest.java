package io.orderengine.saga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.order.PaymentAction;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.saga.support.FakePaymentGateway;
import io.orderengine.saga.support.FakePaymentGateway.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentActionsTest {

    private static final PaymentAction STORED = new PaymentAction("stripe", null, null);

    private final FakePaymentGateway stripe = new FakePaymentGateway(PaymentMethod.STRIPE);
    private final PaymentActions actions = new PaymentActions(new PaymentGateways(List.of(stripe)));

    @Test
    void aStripeOrderIsShownWithTheClientSecretReadFromStripeNow() {
        PaymentAction action = actions.forCustomer(PaymentMethod.STRIPE, "pi_1", STORED);

        assertThat(stripe.calls(Operation.RETRIEVE)).hasSize(1);
        assertThat(action.type()).isEqualTo("stripe");
    }

    @Test
    void whenStripeCannotBeReachedTheOrderIsStillShownWithItsStoredAction() {
        stripe.failing(Operation.RETRIEVE, PaymentGatewayException.Kind.UNAVAILABLE);

        assertThat(actions.forCustomer(PaymentMethod.STRIPE, "pi_1", STORED)).isEqualTo(STORED);
    }

    @Test
    void otherProvidersActionsAreShownAsStoredWithoutAskingAnyGateway() {
        PaymentAction sandbox = new PaymentAction("sandbox", "/api/v1/payments/sandbox/sbx_1", null);

        assertThat(actions.forCustomer(PaymentMethod.SANDBOX, "sbx_1", sandbox)).isEqualTo(sandbox);
        assertThat(stripe.calls()).isEmpty();
    }
}
