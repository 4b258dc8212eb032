package io.orderengine.api.admin.orders;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.web.ApiException;
import io.orderengine.messages.common.Actor;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.EditOrderCommand;
import io.orderengine.messages.order.EditedLine;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditPreview;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.PreviewOrderEditCommand;
import io.orderengine.messages.order.ShortSku;
import io.orderengine.messages.query.FindSkuQuery;
import io.orderengine.messages.sku.AdjustOrderStockCommand;
import io.orderengine.query.sku.SkuView;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/**
 * Order edits for the admin API. A preview asks the order what the changes would do and lists the SKUs whose
 * available stock (as the catalogue shows it) is short of the units added. A committed edit first takes the added units
 * from each SKU; when any SKU is short, it gives back what it took and refuses with the shortages, so nothing changes.
 * Then the order records the edit at the version the stock was taken for, and the units removed go back (restocked on
 * hand when the order's stock was already sold). Units taken are keyed by the attempt, units given back after the
 * edit by the edit id, so that neither happens twice.
 */
@Service
class OrderEditService {

    private final ConsistentCommands commands;
    private final QueryGateway queries;

    OrderEditService(ConsistentCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    OrderEditResponse preview(OrderId orderId, List<OrderEditChange> changes) {
        OrderEditPreview preview =
                commands.sendAndWait(new PreviewOrderEditCommand(orderId, changes, catalogue(changes, orderId)));
        List<ShortSku> shortages = new ArrayList<>();
        for (EditedLine line : preview.lines()) {
            if (line.stockDelta() > 0) {
                SkuView sku = sku(line.sku());
                int available = sku == null || !sku.active() ? 0 : sku.available();
                if (available < line.stockDelta()) {
                    shortages.add(new ShortSku(line.sku(), line.stockDelta(), available));
                }
            }
        }
        return OrderEditResponse.of(preview, null, shortages);
    }

    OrderEditResponse commit(OrderId orderId, String editId, List<OrderEditChange> changes, String note, Actor actor) {
        List<OrderLine> catalogue = catalogue(changes, orderId);
        OrderEditPreview preview = commands.sendAndWait(new PreviewOrderEditCommand(orderId, changes, catalogue));
        // this attempt's own stock change ids: a retry after a failure that gave the units back takes them again
        String attempt = editId + ":" + UUID.randomUUID().toString().substring(0, 8);
        List<EditedLine> taken = new ArrayList<>();
        List<ShortSku> shortages = new ArrayList<>();
        for (EditedLine line : preview.lines()) {
            if (line.stockDelta() > 0) {
                ShortSku shortage = commands.sendAndWait(new AdjustOrderStockCommand(
                        line.sku(), orderId, attempt, line.stockDelta(), preview.stockSold(), "order edit " + editId));
                if (shortage == null) {
                    taken.add(line);
                } else {
                    shortages.add(shortage);
                }
            }
        }
        if (!shortages.isEmpty()) {
            giveBack(orderId, attempt, taken, preview.stockSold());
            throw ApiException.conflict(
                            "insufficient-stock",
                            shortages.stream()
                                    .map(s ->
                                            s.sku() + " (asked " + s.requested() + ", " + s.available() + " available)")
                                    .collect(Collectors.joining(", ", "Not enough stock for this edit: ", ".")))
                    .with(
                            "shortages",
                            shortages.stream()
                                    .map(OrderEditResponse.Shortage::of)
                                    .toList());
        }
        OrderEditPreview recorded;
        try {
            recorded = commands.sendAndWait(
                    new EditOrderCommand(orderId, editId, preview.version() - 1, changes, catalogue, note, actor));
        } catch (RuntimeException e) {
            giveBack(orderId, attempt, taken, preview.stockSold());
            throw e;
        }
        if (recorded == null) {
            throw ApiException.conflict("edit-conflict", "Edit " + editId + " was already recorded.");
        }
        for (EditedLine line : recorded.lines()) {
            if (line.stockDelta() < 0) {
                commands.sendAndWait(new AdjustOrderStockCommand(
                        line.sku(), orderId, editId, line.stockDelta(), recorded.stockSold(), "order edit " + editId));
            }
        }
        return OrderEditResponse.of(recorded, editId, List.of());
    }

    private void giveBack(OrderId orderId, String editId, List<EditedLine> taken, boolean sold) {
        for (EditedLine line : taken) {
            commands.sendAndWait(new AdjustOrderStockCommand(
                    line.sku(),
                    orderId,
                    editId + ":undo",
                    -line.stockDelta(),
                    sold,
                    "order edit " + editId + " refused"));
        }
    }

    /** Today's line snapshot of each SKU an add_line names and the catalogue sells; the order refuses the others. */
    private List<OrderLine> catalogue(List<OrderEditChange> changes, OrderId orderId) {
        List<OrderLine> lines = new ArrayList<>();
        changes.stream()
                .filter(c -> c.type() == OrderEditChange.Type.ADD_LINE)
                .map(OrderEditChange::sku)
                .distinct()
                .map(this::sku)
                .filter(Objects::nonNull)
                .filter(SkuView::active)
                .forEach(sku -> lines.add(OrderLine.of(
                        new SkuCode(sku.sku()),
                        sku.name(),
                        Money.of(sku.priceMinor(), sku.currency()),
                        1,
                        sku.attributes(),
                        sku.imageUrl())));
        return lines;
    }

    private SkuView sku(SkuCode code) {
        return queries.query(new FindSkuQuery(code), ResponseTypes.instanceOf(SkuView.class))
                .join();
    }

    static OrderEditChange change(OrderEditRequest.Change change) {
        SkuCode sku = change.sku() == null ? null : new SkuCode(change.sku());
        return switch (change.type()) {
            case ADD_LINE -> {
                if (sku == null || change.quantity() == null || change.quantity() < 1) {
                    throw ApiException.badRequest("validation", "add_line needs a sku and a quantity of at least 1");
                }
                yield OrderEditChange.addLine(sku, change.quantity());
            }
            case SET_QUANTITY -> {
                if (sku == null || change.quantity() == null) {
                    throw ApiException.badRequest("validation", "set_quantity needs a sku and a quantity");
                }
                yield OrderEditChange.setQuantity(sku, change.quantity());
            }
            case REMOVE_LINE -> {
                if (sku == null) {
                    throw ApiException.badRequest("validation", "remove_line needs a sku");
                }
                yield OrderEditChange.removeLine(sku);
            }
            case SET_SHIPPING_ADDRESS -> {
                OrderEditRequest.Address a = change.address();
                if (a == null) {
                    throw ApiException.badRequest("validation", "set_shipping_address needs an address");
                }
                yield OrderEditChange.shipTo(new Address(
                        a.fullName(),
                        blankToNull(a.phone()),
                        a.line1(),
                        blankToNull(a.line2()),
                        a.city(),
                        blankToNull(a.region()),
                        blankToNull(a.postalCode()),
                        a.country()));
            }
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
