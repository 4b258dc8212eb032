package io.orderengine.command.order;

/**
 * An order that cannot be placed as asked: a line priced in another currency than the order, or the same SKU on
 * two lines (the caller merges cart items per SKU, because stock is reserved once per order and SKU).
 */
public class InvalidOrderException extends RuntimeException {

    public InvalidOrderException(String message) {
        super(message);
    }
}
