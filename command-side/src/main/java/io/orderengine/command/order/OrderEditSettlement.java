package io.orderengine.command.order;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.order.EditOrderCommand;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditPreview;
import io.orderengine.messages.order.OrderEditedEvent;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.RefundRequestedEvent;
import java.util.Optional;

/**
 * How the money of an order edit is settled, and which edits cannot be settled (yet):
 * <ul>
 *   <li>a paid order edited to a lower total gets the difference back (never more than captured and not yet asked
 *       back), by a refund whose id is derived from the edit id, so the gateway's key names the edit;
 *   <li>a paid order edited to a higher total owes the difference: the balance is asked for as a payment of its own
 *       (the edit-balance saga in sagas), and the edit is rolled back when it is not paid in time;
 *   <li>an unpaid order edited to another total has its payment replaced: the checkout cancels the payment under way
 *       and sets up one for the new total ({@link PaymentReplacements}); the SKUs an edit adds are committed with the
 *       others when that payment is captured. Once the customer's payment is authorized (the money is held, the
 *       checkout is capturing it), such an edit is refused: the held amount would no longer be the order's total.
 * </ul>
 */
final class OrderEditSettlement {

    private OrderEditSettlement() {}

    /**
     * Refuses the edit of an unpaid order whose payment is already authorized when the edit changes its total or adds
     * a SKU; {@code paymentAuthorized} says the order's money is held and not yet captured.
     */
    static void requireSettleable(OrderEditPreview preview, boolean paymentAuthorized) {
        if (preview.stockSold() || !paymentAuthorized) {
            return;
        }
        if (preview.balance().amountMinor() != 0 || preview.lines().stream().anyMatch(EditedLine::added)) {
            throw new EditNotSettleableException(
                    "the payment of " + preview.before().total()
                            + " is already authorized and being captured; edit the order once it is paid");
        }
    }

    /** Whether a recorded edit replaces the payment under way: an unpaid order edited to another total. */
    static boolean replacesPayment(OrderEditedEvent edited) {
        return !edited.paid() && edited.balance().amountMinor() != 0;
    }

    /** Whether a recorded edit owes a balance: a paid order edited to a higher total. */
    static boolean balanceDue(OrderEditPreview preview) {
        return preview.stockSold() && preview.balance().amountMinor() > 0;
    }

    /** The refund a recorded edit asks for, if any: its id is derived from the edit id. */
    static Optional<RefundRequestedEvent> refund(
            OrderId orderId,
            EditOrderCommand command,
            OrderEditPreview preview,
            Money refundable,
            PaymentMethod provider,
            String paymentReference) {
        if (!preview.stockSold() || !preview.balance().isNegative() || refundable == null) {
            return Optional.empty();
        }
        long amount = Math.min(-preview.balance().amountMinor(), refundable.amountMinor());
        if (amount <= 0) {
            return Optional.empty();
        }
        return Optional.of(new RefundRequestedEvent(
                orderId,
                refundId(command.editId()),
                Money.of(amount, refundable.currency()),
                provider,
                paymentReference,
                command.actor(),
                "order edited to a lower total (" + command.editId() + ")"));
    }

    static String refundId(String editId) {
        return "rf-" + editId;
    }
}
