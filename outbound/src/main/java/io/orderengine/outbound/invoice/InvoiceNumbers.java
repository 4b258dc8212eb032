package io.orderengine.outbound.invoice;

/**
 * Gives each invoiced order its invoice number: per seller and year a sequence 1, 2, 3… without gaps and without
 * repeats, across threads and engine instances. An order keeps the number it was given first, whatever is asked
 * later.
 */
@FunctionalInterface
public interface InvoiceNumbers {

    /** The {@code n}-th invoice of {@code series} in {@code year}; the same {@code n} every time for one order. */
    long numberFor(String orderId, String series, int year);
}
