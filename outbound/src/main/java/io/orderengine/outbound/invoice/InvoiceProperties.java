package io.orderengine.outbound.invoice;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The seller as printed on invoices.
 *
 * @param sellerName    legal name of the seller
 * @param sellerAddress postal address; a new line or a {@code |} starts a new printed line
 * @param vatNumber     VAT registration number; without it the document is an invoice, not a tax invoice
 * @param country       ISO 3166-1 alpha-2 country of the seller; {@code SA} with a VAT number adds the ZATCA QR code
 * @param numberPrefix  invoice number = prefix + order number (one invoice per order)
 * @param fontPath      optional TrueType font embedded for text outside Latin-1 (e.g. Arabic or Hebrew names);
 *                      without it the built-in Helvetica is used
 */
@Validated
@ConfigurationProperties("engine.invoice")
public record InvoiceProperties(
        @NotBlank @DefaultValue("Order Engine") String sellerName,
        @DefaultValue("") String sellerAddress,
        String vatNumber,
        @Pattern(regexp = "[A-Z]{2}") String country,
        @NotBlank @DefaultValue("INV-") String numberPrefix,
        String fontPath) {

    public boolean hasVatNumber() {
        return vatNumber != null && !vatNumber.isBlank();
    }

    /** ZATCA (Saudi e-invoicing) QR code: a Saudi seller with a VAT number. */
    public boolean zatcaQr() {
        return hasVatNumber() && "SA".equals(country);
    }
}
