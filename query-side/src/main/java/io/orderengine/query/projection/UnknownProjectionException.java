package io.orderengine.query.projection;

/** No projection of that name exists (names are the processing groups: order-detail, sku-stock, ...). */
public class UnknownProjectionException extends RuntimeException {

    public UnknownProjectionException(String name) {
        super("No projection named '" + name + "'");
    }
}
