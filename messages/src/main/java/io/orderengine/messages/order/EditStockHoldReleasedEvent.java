package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * Hold {@code holdId} of edit {@code editId} was given up ({@code reason}) without the edit being recorded with it:
 * whatever was taken of {@code lines} under the hold goes back to the SKUs ({@code UndoOrderStockChangeCommand}).
 */
@Revision("1")
public record EditStockHoldReleasedEvent(
        OrderId orderId, String editId, String holdId, List<EditedLine> lines, String reason) {}
