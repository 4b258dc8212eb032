package io.orderengine.api.shop.orders;

import io.orderengine.api.security.Caller;
import io.orderengine.api.shop.orders.live.OrderAccess;
import io.orderengine.api.web.ApiException;
import io.orderengine.messages.common.OrderId;
import io.orderengine.outbound.facts.OrderFacts;
import io.orderengine.outbound.facts.OrderFactsStore;
import io.orderengine.outbound.invoice.Invoice;
import io.orderengine.outbound.invoice.InvoicePdf;
import io.orderengine.outbound.invoice.Invoices;
import io.orderengine.query.order.OrderView;
import jakarta.validation.constraints.Size;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/orders/{id}/invoice}: the invoice of a confirmed order as a PDF, for the same callers who may
 * read the order (its signed-in owner, a guest with the order's view token, an admin; anyone else gets 404 so order
 * ids cannot be probed). An order that was never confirmed has no invoice: 409.
 */
@RestController
@Validated
class InvoiceController {

    private static final MediaType PDF = MediaType.APPLICATION_PDF;

    private final OrderAccess access;
    private final OrderFactsStore facts;
    private final Invoices invoices;
    private final InvoicePdf pdf;

    InvoiceController(OrderAccess access, OrderFactsStore facts, Invoices invoices, InvoicePdf pdf) {
        this.access = access;
        this.facts = facts;
        this.invoices = invoices;
        this.pdf = pdf;
    }

    @GetMapping("/api/v1/orders/{id}/invoice")
    ResponseEntity<byte[]> invoice(
            @PathVariable String id,
            @RequestParam(required = false) @Size(max = 128) String token,
            Authentication authentication) {
        OrderView order = access.readable(id, token, Caller.from(authentication));
        OrderId orderId = new OrderId(order.orderId());
        // The order facts follow the events independently of the order view just read: facts that do not show the
        // payment yet are brought up to date from the order's events before the answer is "never confirmed".
        Invoice invoice = facts.find(orderId)
                .filter(OrderFacts::confirmed)
                .or(() -> facts.rebuild(orderId))
                .flatMap(invoices::of)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.CONFLICT,
                        "order-not-confirmed",
                        "Order "
                                + order.orderNumber() + " is " + order.status()
                                + " and was never confirmed; an invoice exists once it is paid."));
        return ResponseEntity.ok()
                .contentType(PDF)
                .cacheControl(CacheControl.noStore().cachePrivate())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(invoice.number() + ".pdf")
                                .build()
                                .toString())
                .body(pdf.render(invoice));
    }
}
