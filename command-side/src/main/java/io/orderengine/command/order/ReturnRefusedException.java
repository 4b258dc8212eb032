package io.orderengine.command.order;

import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.rejection.RejectionKind;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A return the order cannot record: more units than were shipped and not yet returned, or outside the return window
 * (409, naming what is left); a SKU the order does not have, a return it does not know or a receipt of more than the
 * return asked for (422); a return that was already received or rejected (409).
 */
public class ReturnRefusedException extends DomainRejection {

    private final Map<String, Integer> left;

    private ReturnRefusedException(RejectionKind kind, String type, String message, Map<String, Integer> left) {
        super(kind, type, message);
        this.left = Map.copyOf(left);
    }

    static ReturnRefusedException moreThanLeft(String sku, int asked, Map<String, Integer> left) {
        return new ReturnRefusedException(
                RejectionKind.CONFLICT,
                "return-exceeds-shipped",
                "cannot return " + asked + " of " + sku + "; shipped and not yet returned: " + describe(left),
                left);
    }

    static ReturnRefusedException windowClosed(String sku, int asked, Map<String, Integer> open) {
        return new ReturnRefusedException(
                RejectionKind.CONFLICT,
                "return-window-closed",
                "cannot return " + asked + " of " + sku + ": the return window has closed; still returnable: "
                        + describe(open),
                open);
    }

    static ReturnRefusedException unknownSku(String sku, Map<String, Integer> left) {
        return new ReturnRefusedException(
                RejectionKind.UNPROCESSABLE,
                "return-unknown-sku",
                "the order has no line for sku " + sku + "; shipped and not yet returned: " + describe(left),
                left);
    }

    static ReturnRefusedException unknownReturn(String returnId) {
        return new ReturnRefusedException(
                RejectionKind.UNPROCESSABLE, "return-unknown", "the order has no return " + returnId, Map.of());
    }

    static ReturnRefusedException notRequested(String returnId, Object status) {
        return new ReturnRefusedException(
                RejectionKind.CONFLICT,
                "return-not-open",
                "return " + returnId + " is " + status + "; only a REQUESTED return can be received or rejected",
                Map.of());
    }

    static ReturnRefusedException moreThanRequested(String returnId, String sku, int received, int requested) {
        return new ReturnRefusedException(
                RejectionKind.UNPROCESSABLE,
                "return-receipt-exceeds-request",
                "cannot receive " + received + " of " + sku + " for return " + returnId + ": it asked for " + requested,
                Map.of());
    }

    static ReturnRefusedException notTracked() {
        return new ReturnRefusedException(
                RejectionKind.CONFLICT,
                "return-not-tracked",
                "this order was stored before returns were tracked; returns cannot be recorded for it",
                Map.of());
    }

    /** Units by SKU that could still be returned when the refusal was made (only SKUs with units). */
    public Map<String, Integer> left() {
        return left;
    }

    private static String describe(Map<String, Integer> left) {
        if (left.isEmpty()) {
            return "nothing";
        }
        return left.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " × " + e.getKey())
                .collect(Collectors.joining(", "));
    }
}
