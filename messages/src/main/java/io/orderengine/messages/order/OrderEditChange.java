package io.orderengine.messages.order;

import io.orderengine.messages.common.*;
import java.util.Objects;

/**
 * One change of an order edit: add a SKU (or more units of a SKU already on the order), set a line's quantity
 * (0 removes it), remove a line, or ship to another address. {@code quantity} is used by the line changes only,
 * {@code address} by {@link Type#SET_SHIPPING_ADDRESS} only.
 */
public record OrderEditChange(Type type, SkuCode sku, Integer quantity, Address address) {

    public enum Type {
        ADD_LINE,
        SET_QUANTITY,
        REMOVE_LINE,
        SET_SHIPPING_ADDRESS
    }

    public OrderEditChange {
        Objects.requireNonNull(type, "type");
        switch (type) {
            case ADD_LINE -> {
                Objects.requireNonNull(sku, "sku");
                if (quantity == null || quantity <= 0) throw new IllegalArgumentException("quantity must be positive");
            }
            case SET_QUANTITY -> {
                Objects.requireNonNull(sku, "sku");
                if (quantity == null || quantity < 0) throw new IllegalArgumentException("quantity must be 0 or more");
            }
            case REMOVE_LINE -> Objects.requireNonNull(sku, "sku");
            case SET_SHIPPING_ADDRESS -> Objects.requireNonNull(address, "address");
        }
    }

    public static OrderEditChange addLine(SkuCode sku, int quantity) {
        return new OrderEditChange(Type.ADD_LINE, sku, quantity, null);
    }

    public static OrderEditChange setQuantity(SkuCode sku, int quantity) {
        return new OrderEditChange(Type.SET_QUANTITY, sku, quantity, null);
    }

    public static OrderEditChange removeLine(SkuCode sku) {
        return new OrderEditChange(Type.REMOVE_LINE, sku, null, null);
    }

    public static OrderEditChange shipTo(Address address) {
        return new OrderEditChange(Type.SET_SHIPPING_ADDRESS, null, null, address);
    }
}
