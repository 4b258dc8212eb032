package io.orderengine.command.order;

import io.orderengine.messages.common.Money;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditPreview;

/**
 * How the money of an order edit is settled, and which edits cannot be settled (yet):
 * <ul>
 *   <li>a paid order edited to a lower total gets the difference back (never more than captured and not yet asked
 *       back), by a refund whose id is derived from the edit id, so the gateway's key names the edit;
 *   <li>a paid order edited to a higher total owes the difference: the balance is asked for as a payment of its own
 *       (the edit-balance saga in sagas), and the edit is rolled back when it is not paid in time;
 *   <li>an unpaid order has a payment under way for its total, and the checkout commits only the SKUs it reserved:
 *       its edit must keep the total and add no SKU (in practice, a new address with the same tax and shipping).
 * </ul>
 */
final class OrderEditSettlement {

    private OrderEditSettlement() {}

    static void requireSettleable(OrderEditPreview preview) {
        long balance = preview.balance().amountMinor();
        if (!preview.stockSold()) {
            if (balance != 0) {
                throw new EditNotSettleableException("the order is not paid yet and its payment is for "
                        + preview.before().total() + "; an unpaid order can only be edited without changing its total");
            }
            if (preview.lines().stream().anyMatch(EditedLine::added)) {
                throw new EditNotSettleableException("the order is not paid yet; SKUs can be added once it is paid");
            }
        }
    }

    /** Whether a recorded edit owes a balance: a paid order edited to a higher total. */
    static boolean balanceDue(OrderEditPreview preview) {
        return preview.stockSold() && preview.balance().amountMinor() > 0;
    }

    /** The refund a recorded edit asks for; null when none. */
    static Money refundOf(OrderEditPreview preview, Money refundable) {
        if (!preview.stockSold() || !preview.balance().isNegative() || refundable == null) {
            return null;
        }
        long amount = Math.min(-preview.balance().amountMinor(), refundable.amountMinor());
        return amount > 0 ? Money.of(amount, refundable.currency()) : null;
    }

    static String refundId(String editId) {
        return "rf-" + editId;
    }
}
