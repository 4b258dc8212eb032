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
import io.orderengine.messages.order.HoldEditStockCommand;
import io.orderengine.messages.order.OrderEditChange;
import io.orderengine.messages.order.OrderEditPreview;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.PreviewOrderEditCommand;
import io.orderengine.messages.order.ReleaseEditStockHoldCommand;
import io.orderengine.messages.order.ShortSku;
import io.orderengine.messages.query.FindSkuQuery;
import io.orderengine.messages.rejection.DomainRejection;
import io.orderengine.messages.sku.AdjustOrderStockCommand;
import io.orderengine.messages.sku.UndoOrderStockChangeCommand;
import io.orderengine.query.sku.SkuView;
import io.orderengine.saga.edit.RemovedEditStock;
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
 * available stock (as the catalogue shows it) is short of the units added. A committed edit first records a hold on
 * the order (this attempt's id), then takes the added units from each SKU under it; when any SKU is short, it releases
 * the hold, gives back what it took and refuses with the shortages, so nothing changes. Then the order records the edit
 * with the hold at the version the stock was taken for, and the units removed go back (restocked on hand when the
 * order's stock was already sold), keyed by the edit id. When the engine dies in between, the engine finishes the job:
 * the edit-stock saga gives a hold's units back unless the edit was recorded with it, and the handler of the recorded
 * edit gives the removed units back (docs/orders.md).
 */
@Service
class OrderEditService {

    /** The problem type of an order refusing to release a hold its edit was recorded with. */
    private static final String EDIT_STOCK_HOLD_USED = "edit-stock-hold-used";

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
        // this attempt's own hold and stock change id: a retry after a failure that gave the units back takes them
        // again
        String holdId = editId + ":" + UUID.randomUUID().toString().substring(0, 8);
        List<EditedLine> added =
                preview.lines().stream().filter(line -> line.stockDelta() > 0).toList();
        if (!added.isEmpty()) {
            // on the order before the first unit is taken: they come back unless the edit is recorded with the hold
            commands.sendAndWait(new HoldEditStockCommand(orderId, editId, holdId, added));
        }
        List<ShortSku> shortages = new ArrayList<>();
        for (EditedLine line : added) {
            ShortSku shortage = commands.sendAndWait(new AdjustOrderStockCommand(
                    line.sku(), orderId, holdId, line.stockDelta(), preview.stockSold(), "order edit " + editId));
            if (shortage != null) {
                shortages.add(shortage);
            }
        }
        if (!shortages.isEmpty()) {
            release(orderId, editId, holdId, added, "not enough stock");
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
            recorded = commands.sendAndWait(new EditOrderCommand(
                    orderId,
                    editId,
                    preview.version() - 1,
                    changes,
                    catalogue,
                    note,
                    actor,
                    added.isEmpty() ? null : holdId));
        } catch (RuntimeException e) {
            try {
                release(orderId, editId, holdId, added, "the edit was not recorded");
            } catch (RuntimeException releaseFailed) {
                e.addSuppressed(releaseFailed); // the hold's deadline gives the units back
            }
            throw e;
        }
        if (recorded == null) {
            release(orderId, editId, holdId, added, "the edit was recorded before");
            throw ApiException.conflict("edit-conflict", "Edit " + editId + " was already recorded.");
        }
        // the units removed, back at once (the answer shows them); the engine's handler of the edit sends the same
        // commands, so they come back also when the engine died before this line, and never twice (when the handler
        // was first, the next read still shows them: the wait is then for its change)
        RemovedEditStock.giveBack(orderId, editId, recorded.lines(), recorded.stockSold())
                .forEach(command ->
                        commands.sendAndWaitSeeing(command, command.sku().value()));
        return OrderEditResponse.of(recorded, editId, List.of());
    }

    /**
     * Gives the hold up on the order, then undoes its stock change on each SKU (what was taken goes back, a take still
     * on its way is voided); the edit-stock saga does the same once the release is recorded. An order that recorded
     * the edit with the hold refuses the release: then the units are the edit's and stay.
     */
    private void release(OrderId orderId, String editId, String holdId, List<EditedLine> added, String reason) {
        if (added.isEmpty()) {
            return;
        }
        try {
            commands.sendAndWait(new ReleaseEditStockHoldCommand(orderId, holdId, reason));
        } catch (DomainRejection refused) {
            if (EDIT_STOCK_HOLD_USED.equals(refused.type())) {
                return;
            }
            throw refused;
        }
        for (EditedLine line : added) {
            commands.sendAndWait(new UndoOrderStockChangeCommand(
                    line.sku(), orderId, holdId, "order edit " + editId + " refused: " + reason));
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
