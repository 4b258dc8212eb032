package io.orderengine.outbound.invoice;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How invoices are numbered and printed; the seller printed on them is {@link SellerProperties}.
 *
 * @param numberPrefix invoice number = prefix + year + {@code -} + the seller's sequence in that year, six digits
 *                     ({@code INV-2026-000001}), see {@link InvoiceNumbers}
 * @param fontPath     optional TrueType font embedded instead of the bundled DejaVu Sans (which covers Latin, Hebrew
 *                     and Arabic); it is used for bold text too
 */
@Validated
@ConfigurationProperties("engine.invoice")
public record InvoiceProperties(
        @NotBlank @DefaultValue("INV-") String numberPrefix, String fontPath) {}
