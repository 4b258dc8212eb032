package io.orderengine.outbound.invoice;

import io.orderengine.messages.common.Address;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.outbound.facts.OrderFacts;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Draws up the invoice of an order from its {@link OrderFacts}. Only an order that was confirmed (paid) has one,
 * whatever happened to it since; the invoice date is the moment of that confirmation. The invoice number is the
 * seller's next in the year of that date ({@link InvoiceNumbers}), given the first time the invoice is drawn up and
 * kept from then on. VAT is broken down by rate: the order's one rate applies to goods after discount plus shipping,
 * as priced at checkout.
 */
@Component
public class Invoices {

    private final SellerProperties seller;
    private final InvoiceProperties invoicing;
    private final InvoiceNumbers numbers;

    public Invoices(SellerProperties seller, InvoiceProperties invoicing, InvoiceNumbers numbers) {
        this.seller = seller;
        this.invoicing = invoicing;
        this.numbers = numbers;
    }

    /** The order's invoice; empty when the order was never confirmed. */
    public Optional<Invoice> of(OrderFacts order) {
        return order.confirmed() ? Optional.of(invoice(order, order.confirmedAt())) : Optional.empty();
    }

    private Invoice invoice(OrderFacts order, Instant issuedAt) {
        OrderTotals totals = order.totals();
        String currency = totals.currency();
        List<Invoice.Line> lines = order.lines().stream()
                .map(line -> new Invoice.Line(
                        line.sku().value(),
                        line.name(),
                        line.quantity(),
                        line.unitPrice().amountMinor(),
                        line.lineTotal().amountMinor()))
                .toList();
        long taxable = totals.subtotal()
                .minus(totals.discount())
                .plus(totals.shipping())
                .amountMinor();
        List<Invoice.VatRow> vat = List.of(new Invoice.VatRow(
                totals.taxRateBasisPoints(), taxable, totals.tax().amountMinor()));
        String qr = seller.zatcaQr()
                ? ZatcaQr.base64(
                        seller.legalName(),
                        seller.vatNumber(),
                        issuedAt,
                        decimal(totals.total().amountMinor(), currency),
                        decimal(totals.tax().amountMinor(), currency))
                : null;
        int year = issuedAt.atZone(ZoneOffset.UTC).getYear();
        long sequence = numbers.numberFor(order.orderId(), seller.series(), year);
        return new Invoice(
                String.format(Locale.ROOT, "%s%d-%06d", invoicing.numberPrefix(), year, sequence),
                order.orderNumber(),
                issuedAt,
                new Invoice.Seller(
                        seller.legalName(),
                        seller.addressLines(),
                        seller.vatNumber(),
                        seller.crNumber(),
                        seller.country()),
                buyer(order),
                lines,
                vat,
                new Invoice.Totals(
                        totals.subtotal().amountMinor(),
                        totals.discount().amountMinor(),
                        totals.shipping().amountMinor(),
                        totals.tax().amountMinor(),
                        totals.total().amountMinor()),
                currency,
                qr);
    }

    private static Invoice.Buyer buyer(OrderFacts order) {
        Address address = order.billingAddress() != null ? order.billingAddress() : order.shippingAddress();
        List<String> lines = new ArrayList<>();
        String name = null;
        if (address != null) {
            name = address.fullName();
            lines.add(address.line1());
            if (address.line2() != null && !address.line2().isBlank()) {
                lines.add(address.line2());
            }
            String city = String.join(" ", nonBlank(address.postalCode(), address.city()));
            lines.add(String.join(", ", nonBlank(city, address.region())));
            lines.add(address.country());
        }
        return new Invoice.Buyer(name, lines, order.email());
    }

    private static List<String> nonBlank(String... values) {
        return Arrays.stream(values).filter(v -> v != null && !v.isBlank()).toList();
    }

    /** {@code amountMinor} as a plain decimal in the currency's minor digits: 3540 EUR → "35.40". */
    public static String decimal(long amountMinor, String currency) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return BigDecimal.valueOf(amountMinor, digits).toPlainString();
    }
}
