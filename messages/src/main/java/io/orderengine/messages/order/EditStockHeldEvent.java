package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An attempt to record edit {@code editId} takes the units {@code lines} add from their SKUs under the stock change id
 * {@code holdId}. Until the edit is recorded with this hold, the units are the order's only on loan: when the hold is
 * released ({@link EditStockHoldReleasedEvent}: the attempt failed, or it was not recorded in time) they go back.
 */
@Revision("1")
public record EditStockHeldEvent(OrderId orderId, String editId, String holdId, List<EditedLine> lines) {}
