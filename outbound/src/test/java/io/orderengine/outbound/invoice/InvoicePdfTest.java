package io.orderengine.outbound.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.outbound.facts.OrderFacts;
import io.orderengine.testkit.QrCodes;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class InvoicePdfTest {

    private static final Instant CONFIRMED_AT = Instant.parse("2025-03-01T10:05:00Z");

    /** An order of two parts at SAR 100.00, shipped free to Riyadh, 15 % VAT: SAR 230.00; null: not paid. */
    static OrderFacts saudiOrder(Instant confirmedAt) {
        return saudiOrder(confirmedAt, new OrderTotals(sar(20000), sar(0), sar(0), sar(3000), sar(23000), 1500));
    }

    static OrderFacts saudiOrder(Instant confirmedAt, OrderTotals totals) {
        return new OrderFacts(
                "5e0c1a2b-0000-4000-8000-000000000009",
                "ORD-20250301-000009",
                "sara@example.com",
                "sara",
                false,
                List.of(OrderLine.of(new SkuCode("BRAKE-PAD-01"), "Brake pad set", sar(10000), 2, Map.of(), null)),
                totals,
                new Address("Sara Al-Qahtani", null, "12 Olaya St", null, "Riyadh", "Riyadh", "12211", "SA"),
                null,
                CONFIRMED_AT.minusSeconds(300),
                confirmedAt,
                null,
                null,
                null,
                null,
                2);
    }

    private static Money sar(long minor) {
        return Money.of(minor, "SAR");
    }

    static SellerProperties saudiSeller() {
        return new SellerProperties(
                "Souq Parts Co", "King Fahd Rd 1|Riyadh 12211", "310122393500003", "1010010030", "SA");
    }

    static final InvoiceProperties INVOICING = new InvoiceProperties("INV-", null);

    /** Invoices numbered as if this were the seller's ninth invoice of the year. */
    static Invoices invoices(SellerProperties seller) {
        return new Invoices(seller, INVOICING, (orderId, series, year) -> 9);
    }

    @Test
    void aSaudiSellersTaxInvoiceShowsEverythingAndCarriesTheZatcaQrCode() throws IOException {
        Invoice invoice = invoices(saudiSeller()).of(saudiOrder(CONFIRMED_AT)).orElseThrow();

        byte[] pdf = new InvoicePdf(INVOICING).render(invoice);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text)
                    .contains(
                            "Tax invoice",
                            "INV-2025-000009",
                            "ORD-20250301-000009",
                            "فاتورة ضريبية مبسطة",
                            "2025-03-01 10:05 UTC",
                            "Souq Parts Co",
                            "King Fahd Rd 1",
                            "Riyadh 12211",
                            "VAT number: 310122393500003",
                            "CR number: 1010010030",
                            "Sara Al-Qahtani",
                            "12 Olaya St",
                            "sara@example.com",
                            "Brake pad set",
                            "BRAKE-PAD-01",
                            "100.00 SAR",
                            "200.00 SAR",
                            "15 %",
                            "30.00 SAR",
                            "230.00 SAR");
            String printedQr = invoice.zatcaQr();
            assertThat(text.replaceAll("\\s", "")).contains(printedQr);
            assertThat(QrCodes.tlvFields(printedQr))
                    .containsExactly(
                            Map.entry(1, "Souq Parts Co"),
                            Map.entry(2, "310122393500003"),
                            Map.entry(3, "2025-03-01T10:05:00Z"),
                            Map.entry(4, "230.00"),
                            Map.entry(5, "30.00"));
            assertThat(images(document))
                    .singleElement()
                    .satisfies(image -> assertThat(QrCodes.decode(image)).isEqualTo(printedQr));
        }
    }

    @Test
    void aSellerOutsideSaudiArabiaGetsNoQrCode() throws IOException {
        SellerProperties german = new SellerProperties("Laden GmbH", "Hauptstr. 1", "DE123456789", null, "DE");
        Invoice invoice = invoices(german).of(saudiOrder(CONFIRMED_AT)).orElseThrow();

        try (PDDocument document = Loader.loadPDF(new InvoicePdf(INVOICING).render(invoice))) {
            assertThat(invoice.zatcaQr()).isNull();
            assertThat(new PDFTextStripper().getText(document))
                    .contains("Tax invoice", "DE123456789")
                    .doesNotContain("ZATCA");
            assertThat(images(document)).isEmpty();
        }
    }

    @Test
    void withoutAVatNumberItIsAPlainInvoiceWithoutQrCodeEvenInSaudiArabia() {
        SellerProperties unregistered = new SellerProperties("Small Shop", "", null, null, "SA");

        Invoice invoice = invoices(unregistered).of(saudiOrder(CONFIRMED_AT)).orElseThrow();

        assertThat(invoice.zatcaQr()).isNull();
        assertThat(invoice.seller().vatNumber()).isNull();
    }

    @Test
    void breaksVatDownOnGoodsAfterDiscountPlusShipping() {
        OrderFacts discounted = saudiOrder(
                CONFIRMED_AT, new OrderTotals(sar(20000), sar(2000), sar(2000), sar(3000), sar(23000), 1500));

        Invoice invoice = invoices(saudiSeller()).of(discounted).orElseThrow();

        assertThat(invoice.vatBreakdown()).containsExactly(new Invoice.VatRow(1500, 20000, 3000));
        assertThat(invoice.number()).isEqualTo("INV-2025-000009");
        assertThat(invoice.issuedAt()).isEqualTo(CONFIRMED_AT);
    }

    @Test
    void anOrderThatWasNeverConfirmedHasNoInvoice() {
        assertThat(invoices(saudiSeller()).of(saudiOrder(null))).isEmpty();
    }

    private static List<BufferedImage> images(PDDocument document) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        for (PDPage page : document.getPages()) {
            for (COSName name : page.getResources().getXObjectNames()) {
                PDXObject object = page.getResources().getXObject(name);
                if (object instanceof PDImageXObject image) {
                    images.add(image.getImage());
                }
            }
        }
        return images;
    }
}
