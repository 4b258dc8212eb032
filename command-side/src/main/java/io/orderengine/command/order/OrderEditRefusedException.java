package io.orderengine.command.order;

import io.orderengine.messages.order.OrderStatus;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;

/** The order cannot be edited now: it is past the point where it may change, or it changed since the edit began. */
public class OrderEditRefusedException extends DomainRejection {

    private OrderEditRefusedException(String type, String message) {
        super(RejectionKind.CONFLICT, type, message);
    }

    static OrderEditRefusedException notEditableIn(OrderStatus status) {
        return new OrderEditRefusedException(
                "illegal-transition",
                "order is " + status + "; only an order AWAITING_PAYMENT, CONFIRMED or PROCESSING can be edited");
    }

    static OrderEditRefusedException versionChanged(int expected, int actual) {
        return new OrderEditRefusedException(
                "edit-conflict", "order is at version " + actual + ", not " + expected + "; preview the edit again");
    }

    static OrderEditRefusedException balanceDue(String editId) {
        return new OrderEditRefusedException(
                "edit-conflict", "edit " + editId + " waits for its balance to be paid; edit again once it is settled");
    }

    static OrderEditRefusedException holdUsed(String holdId, String editId) {
        return new OrderEditRefusedException(
                "edit-stock-hold-used", "edit " + editId + " was recorded with stock hold " + holdId + "; it keeps it");
    }

    static OrderEditRefusedException holdNotOpen(String holdId) {
        return new OrderEditRefusedException(
                "edit-conflict",
                "the stock taken for this edit (" + holdId + ") was given back meanwhile; preview the edit again");
    }
}
