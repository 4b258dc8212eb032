package io.orderengine.saga.checkout;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.RefundRequestedEvent;
import io.orderengine.saga.checkout.CheckoutProgress.FailedStep;
import io.orderengine.saga.checkout.CheckoutState.OwedRefund;
import io.orderengine.saga.payment.PaymentParticipant;
import io.orderengine.saga.payment.PaymentReply;
import io.orderengine.saga.payment.PaymentReply.RefundFailed;
import io.orderengine.saga.payment.PaymentReply.Refunded;
import io.orderengine.saga.payment.PaymentReply.VoidUnavailable;
import io.orderengine.saga.payment.PaymentRequest.RefundPayment;
import java.util.ArrayList;

/**
 * The money a checkout still has to give back or release at the gateway: the refunds it owes and the void of a
 * payment that was not captured. Asks the {@link PaymentParticipant}; a gateway that stays unavailable flags the
 * order with the step that failed, and the owed refund or the void stays in the state until an admin retry. A refund
 * is split across the order's payments when an edit's balance was paid (see
 * {@link PaymentParticipant#refundAcrossPayments}); each part is recorded on the order.
 */
final class PaymentSettlement {

    private final PaymentParticipant payments;
    private final CheckoutCommands commands;
    private final CheckoutState state;

    PaymentSettlement(PaymentParticipant payments, CheckoutCommands commands, CheckoutState state) {
        this.payments = payments;
        this.commands = commands;
        this.state = state;
    }

    /** After the order was cancelled: refund what is due (or what the order never knew was captured), else void. */
    void afterCancellation(Money refundDue, boolean capturedUnknownToOrder) {
        if (refundDue != null && refundDue.amountMinor() > 0) {
            owe(CheckoutSaga.CANCELLATION_REFUND_ID, refundDue);
            refundOwed(FailedStep.REFUND);
        } else if (capturedUnknownToOrder) {
            owe(CheckoutSaga.COMPENSATION_REFUND_ID, state.captured);
            refundOwed(FailedStep.REFUND);
        } else if (state.paymentReference != null && !state.captured()) {
            voidPayment(FailedStep.CANCEL_PAYMENT);
        }
    }

    /** What is left after a cancellation (an admin retry or compensation): the owed refunds, then the void. */
    void finishAfterCancellation() {
        if (refundOwed(FailedStep.REFUND) && state.paymentReference != null && !state.captured()) {
            voidPayment(FailedStep.CANCEL_PAYMENT);
        }
    }

    /** Undoes a capture when the checkout is given up: refunds it; true when nothing is left to refund. */
    boolean refundCapture() {
        if (!state.captured()) {
            return true;
        }
        if (!state.owes(CheckoutSaga.COMPENSATION_REFUND_ID)) {
            owe(CheckoutSaga.COMPENSATION_REFUND_ID, state.captured);
        }
        return refundOwed(FailedStep.COMPENSATE);
    }

    /** Undoes an authorization when the checkout is given up: voids a payment that was not captured. */
    boolean voidUncaptured() {
        return state.captured() || state.paymentReference == null || voidPayment(FailedStep.COMPENSATE);
    }

    /** A refund the order asked for (an admin's, an edit's): owed unless owed already, then made. */
    void refundRequested(RefundRequestedEvent event) {
        state.provider = event.provider();
        if (event.paymentReference() != null) {
            state.paymentReference = event.paymentReference();
        }
        if (!state.owes(event.refundId())) {
            owe(event.refundId(), event.amount());
        }
        refundOwed(FailedStep.REFUND);
    }

    void owe(String refundId, Money amount) {
        state.owedRefunds.add(new OwedRefund(refundId, amount));
    }

    /**
     * Refunds every owed refund, each recorded on the order except the saga's own compensation refund (the order
     * never knew it was paid); true when none is left, else the order is flagged with {@code failedStep}.
     */
    boolean refundOwed(FailedStep failedStep) {
        for (OwedRefund owed : new ArrayList<>(state.owedRefunds)) {
            // split across the order's payments: an edit's balance payment first, then the first payment
            for (PaymentReply reply : payments.refundAcrossPayments(new RefundPayment(
                    state.orderId, state.provider, state.paymentReference, owed.refundId(), owed.amount()))) {
                if (reply instanceof RefundFailed failed) {
                    commands.flag(failedStep, failed.reason());
                    return false;
                }
                if (!CheckoutSaga.COMPENSATION_REFUND_ID.equals(owed.refundId())) {
                    commands.recordRefund(owed.refundId(), ((Refunded) reply).refund());
                }
            }
            state.owedRefunds.remove(owed);
        }
        return true;
    }

    /**
     * Cancels the uncaptured payment at the gateway so the customer can no longer pay it; true when done (a refusal,
     * e.g. already cancelled or declined, counts as done), false when the gateway is unavailable and the order flagged.
     */
    boolean voidPayment(FailedStep failedStep) {
        if (state.paymentVoided) {
            return true;
        }
        PaymentReply reply = payments.cancel(state.voidRequest());
        if (reply instanceof VoidUnavailable unavailable) {
            commands.flag(failedStep, unavailable.reason());
            return false;
        }
        state.paymentVoided = true;
        return true;
    }
}
