package io.orderengine.messages.order;

import io.orderengine.messages.common.OrderId;

/**
 * An event in the life of the balance of one order edit (asked for, payable, authorized, paid, paid late, rolled
 * back), so that a read model can follow edit balances with one handler.
 */
public interface EditBalanceChange {
    OrderId orderId();

    String editId();
}
