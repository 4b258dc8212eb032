package io.orderengine.outbound.mail;

import io.orderengine.outbound.facts.OrderFacts;
import io.orderengine.outbound.invoice.InvoicePdf;
import io.orderengine.outbound.invoice.Invoices;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The invoice PDF of a confirmed order as an e-mail attachment, the same document {@code GET
 * /api/v1/orders/{id}/invoice} serves. A PDF that cannot be drawn is logged and left out: the confirmation is sent
 * without it rather than held up (the invoice stays downloadable from the order page).
 */
@Component
public class InvoiceAttachments {

    private static final Logger log = LoggerFactory.getLogger(InvoiceAttachments.class);

    private final Invoices invoices;
    private final InvoicePdf pdf;

    public InvoiceAttachments(Invoices invoices, InvoicePdf pdf) {
        this.invoices = invoices;
        this.pdf = pdf;
    }

    /** The order's invoice as a PDF attachment; empty when the order has none (never confirmed) or it failed. */
    public Optional<Email.Attachment> of(OrderFacts order) {
        return invoices.of(order).flatMap(invoice -> {
            try {
                return Optional.of(
                        new Email.Attachment(invoice.number() + ".pdf", "application/pdf", pdf.render(invoice)));
            } catch (RuntimeException e) {
                log.warn(
                        "Invoice of order {} could not be drawn; the confirmation is sent without it: {}",
                        order.orderNumber(),
                        e.toString());
                return Optional.empty();
            }
        });
    }
}
