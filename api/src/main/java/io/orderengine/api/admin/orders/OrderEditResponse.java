package io.orderengine.api.admin.orders;

import io.orderengine.messages.common.Address;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditPreview;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.messages.order.ShortSku;
import java.util.List;

/**
 * The answer of {@code POST /api/v1/admin/orders/{id}/edits}: the order's version after the edit, the totals before
 * and after, the balance (after − before: positive is asked of the customer, negative refunded once the order was
 * paid), every line with its quantity before and after, the shipping address after, and the SKUs short of stock (a
 * preview lists them; a committed edit is refused when there are any). {@code editId} is null in a preview.
 */
record OrderEditResponse(
        String orderId,
        String editId,
        int version,
        Totals before,
        Totals after,
        long balanceMinor,
        String currency,
        List<Line> lines,
        Address shippingAddress,
        List<Shortage> shortages) {

    record Totals(
            long subtotalMinor,
            long discountMinor,
            long shippingMinor,
            long taxMinor,
            long totalMinor,
            String currency,
            long taxRateBasisPoints) {

        static Totals of(OrderTotals t) {
            return new Totals(
                    t.subtotal().amountMinor(),
                    t.discount().amountMinor(),
                    t.shipping().amountMinor(),
                    t.tax().amountMinor(),
                    t.total().amountMinor(),
                    t.currency(),
                    t.taxRateBasisPoints());
        }
    }

    /** A SKU of the order before or after the edit; {@code change} is added, removed, changed or unchanged. */
    record Line(
            String sku,
            String name,
            long unitPriceMinor,
            int quantityBefore,
            int quantity,
            long lineTotalMinor,
            String change) {

        static Line of(EditedLine line) {
            String change = line.quantityBefore() == 0
                    ? "added"
                    : line.quantityAfter() == 0
                            ? "removed"
                            : line.quantityBefore() == line.quantityAfter() ? "unchanged" : "changed";
            return new Line(
                    line.sku().value(),
                    line.name(),
                    line.unitPrice().amountMinor(),
                    line.quantityBefore(),
                    line.quantityAfter(),
                    line.unitPrice().amountMinor() * line.quantityAfter(),
                    change);
        }
    }

    /** Asked for {@code requested} more units, {@code available} are left. */
    record Shortage(String sku, int requested, int available) {
        static Shortage of(ShortSku s) {
            return new Shortage(s.sku().value(), s.requested(), s.available());
        }
    }

    static OrderEditResponse of(OrderEditPreview preview, String editId, List<ShortSku> shortages) {
        return new OrderEditResponse(
                preview.orderId().value(),
                editId,
                preview.version(),
                Totals.of(preview.before()),
                Totals.of(preview.after()),
                preview.balance().amountMinor(),
                preview.after().currency(),
                preview.lines().stream().map(Line::of).toList(),
                preview.shippingAddress(),
                shortages.stream().map(Shortage::of).toList());
    }
}
