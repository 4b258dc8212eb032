package io.orderengine.outbound.invoice;

import java.time.Instant;
import java.util.List;

/**
 * An invoice for one confirmed order, ready to print. Amounts are minor units of {@link #currency()}. The invoice is
 * issued at the moment the order was confirmed (paid), so printing it again gives the same document.
 *
 * @param vatBreakdown one row per VAT rate: the taxable amount at that rate and the VAT on it
 * @param zatcaQr      base64 of the ZATCA TLV, or null when the seller is not a Saudi VAT-registered seller
 */
public record Invoice(
        String number,
        String orderNumber,
        Instant issuedAt,
        Seller seller,
        Buyer buyer,
        List<Line> lines,
        List<VatRow> vatBreakdown,
        Totals totals,
        String currency,
        String zatcaQr) {

    public Invoice {
        lines = List.copyOf(lines);
        vatBreakdown = List.copyOf(vatBreakdown);
    }

    /** Who sells; {@code vatNumber}, {@code crNumber} (commercial registration) and {@code country} may be null. */
    public record Seller(String name, List<String> addressLines, String vatNumber, String crNumber, String country) {
        public Seller {
            addressLines = List.copyOf(addressLines);
        }
    }

    /** Who buys: the shipping address's name and lines, and the order's email. */
    public record Buyer(String name, List<String> addressLines, String email) {
        public Buyer {
            addressLines = List.copyOf(addressLines);
        }
    }

    public record Line(String sku, String name, int quantity, long unitPriceMinor, long amountMinor) {}

    /** {@code rateBasisPoints}: 1500 = 15 %. */
    public record VatRow(long rateBasisPoints, long taxableMinor, long vatMinor) {}

    public record Totals(long subtotalMinor, long discountMinor, long shippingMinor, long vatMinor, long totalMinor) {}
}
