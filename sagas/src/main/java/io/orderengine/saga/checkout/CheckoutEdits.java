package io.orderengine.saga.checkout;

import static io.orderengine.saga.checkout.CheckoutSteps.CHECKOUT;

import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.ReplacedPaymentAuthorizedEvent;
import io.orderengine.saga.checkout.CheckoutProgress.Stage;
import io.orderengine.saga.payment.IdempotencyKeys;
import io.orderengine.saga.payment.PaymentParticipant;
import io.orderengine.saga.payment.PaymentReply;
import io.orderengine.saga.payment.PaymentReply.VoidUnavailable;
import io.orderengine.saga.payment.PaymentRequest.VoidPayment;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Edits of an order the checkout is still waiting to be paid for (AWAITING_PAYMENT; edits of a paid order are the
 * edit sagas'). The checkout follows every such edit:
 * <ul>
 *   <li>stock: the order holds what the edit left it (the SKUs an edit adds were reserved for the order before the
 *       edit was recorded), so the capture commits, and a cancellation or the payment deadline releases, every SKU
 *       the order holds, the added ones too (the SKU takes a second release of a holding as a no-op);
 *   <li>money, when the edit changed the total: the payment under way is cancelled at the gateway (best effort) and
 *       one is set up for the new total with keys naming the edit ({@code <orderId>:authorize:for-<editId>}); the order
 *       then waits for it. The payment deadline starts again from the edit, so the customer has the usual time to pay
 *       the new amount. After a failed payment nothing is set up: the customer's next attempt is for the new total.
 *   <li>a replaced payment the customer authorized after all (they paid the old link) is never captured: it is
 *       cancelled again (its authorization released); should the gateway be unreachable, it is only logged, since an
 *       authorization that is not captured lapses at the gateway on its own.
 * </ul>
 */
final class CheckoutEdits {

    private static final Logger log = LoggerFactory.getLogger(CheckoutEdits.class);

    private final PaymentParticipant payments;
    private final CheckoutDeadlines deadlines;
    private final CheckoutState state;

    CheckoutEdits(PaymentParticipant payments, CheckoutDeadlines deadlines, CheckoutState state) {
        this.payments = payments;
        this.deadlines = deadlines;
        this.state = state;
    }

    /**
     * Takes in an edit recorded at {@code editedAt}: true when the checkout is to set up the payment of the new total
     * (the replaced one is cancelled by then). An edit taken in before (the event handled again) sets up nothing new.
     */
    boolean take(OrderEditedEvent edit, Instant editedAt) {
        if (edit.paid() || !CHECKOUT.accepts(OrderEditedEvent.class, state.stage)) {
            return false;
        }
        for (EditedLine line : edit.editedLines()) {
            state.hold(line.sku(), line.quantityAfter());
        }
        if (edit.balance().amountMinor() == 0 || edit.editId().equals(state.paymentEditId)) {
            return false;
        }
        state.total = edit.totals().total();
        deadlines.restartPayment(editedAt);
        if (state.failedAttempt == state.attempt() || state.paymentReference == null) {
            return false;
        }
        cancel(state.voidRequest(), null);
        state.paymentEditId = edit.editId();
        state.paymentReference = null;
        state.paymentVoided = false;
        state.stage = Stage.AUTHORIZING;
        return true;
    }

    /** The customer authorized a payment an edit replaced: it is cancelled, so it is never captured. */
    void cancelReplaced(ReplacedPaymentAuthorizedEvent event) {
        cancel(
                new VoidPayment(state.orderId, event.provider(), event.paymentReference(), state.attempt()),
                IdempotencyKeys.cancelReplaced(state.orderId, event.paymentReference()));
    }

    /** Cancels a payment the order no longer waits for, under {@code key} (null: the request's own). */
    private void cancel(VoidPayment request, String key) {
        PaymentReply reply = key == null ? payments.cancel(request) : payments.cancel(request, key);
        if (reply instanceof VoidUnavailable unavailable) {
            log.warn(
                    "checkout of order {}: replaced payment {} not cancelled ({}); it is never captured",
                    state.orderId,
                    request.paymentReference(),
                    unavailable.reason());
        }
    }
}
