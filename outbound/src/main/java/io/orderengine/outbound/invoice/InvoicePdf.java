package io.orderengine.outbound.invoice;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Prints an {@link Invoice} as an A4 PDF (OpenPDF): seller, buyer, invoice number and date, the lines, totals, the
 * VAT breakdown by rate and, for Saudi sellers, the ZATCA QR code with its base64 text. Amounts are printed as plain
 * decimals with the ISO currency code. Text is set in the bundled DejaVu Sans (Latin, Hebrew, Arabic; embedded as
 * a subset); Hebrew and Arabic runs are shaped and put in visual order by {@link BidiText}, and a party whose name
 * reads right to left is aligned to the right.
 */
@Component
public class InvoicePdf {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final int QR_PIXELS = 300;
    private static final String REGULAR = "/fonts/dejavu/DejaVuSans.ttf";
    private static final String BOLD = "/fonts/dejavu/DejaVuSans-Bold.ttf";
    /** Text width of a party block (half of the 515 pt between the margins, less padding) and of an item name. */
    private static final float PARTY_WIDTH = 245;

    private static final float ITEM_WIDTH = 175;

    private final Font regular;
    private final Font bold;
    private final Font small;
    private final Font title;
    private final BaseFont regularFont;

    @Autowired
    public InvoicePdf(InvoiceProperties properties) {
        this(font(properties.fontPath(), REGULAR), font(properties.fontPath(), BOLD));
    }

    /** Prints with these fonts; they must be Unicode ({@code Identity-H}) fonts to show more than Latin-1. */
    InvoicePdf(BaseFont regularFont, BaseFont boldFont) {
        this.regularFont = regularFont;
        regular = new Font(regularFont, 9, Font.NORMAL);
        bold = new Font(boldFont, 9, Font.NORMAL);
        small = new Font(regularFont, 7, Font.NORMAL, Color.DARK_GRAY);
        title = new Font(boldFont, 16, Font.NORMAL);
    }

    /** The font at {@code path}, or the bundled DejaVu Sans {@code resource} when no path is configured. */
    private static BaseFont font(String path, String resource) {
        try {
            if (path == null || path.isBlank()) {
                byte[] bytes;
                try (InputStream in = InvoicePdf.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("the bundled invoice font " + resource + " is missing");
                    }
                    bytes = in.readAllBytes();
                }
                return BaseFont.createFont(
                        resource.substring(resource.lastIndexOf('/') + 1),
                        BaseFont.IDENTITY_H,
                        BaseFont.EMBEDDED,
                        true,
                        bytes,
                        null);
            }
            return BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (DocumentException | IOException e) {
            throw new IllegalStateException("engine.invoice.font-path " + path + " is not a usable TrueType font", e);
        }
    }

    public byte[] render(Invoice invoice) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 40, 40, 40, 40);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle("Invoice " + invoice.number());
            document.addCreator(invoice.seller().name());
            document.open();
            header(document, invoice);
            parties(document, invoice);
            lines(document, invoice);
            totals(document, invoice);
            vat(document, invoice);
            if (invoice.zatcaQr() != null) {
                qr(document, invoice.zatcaQr());
            }
        } catch (DocumentException e) {
            throw new IllegalStateException("invoice " + invoice.number() + " could not be printed", e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
        return out.toByteArray();
    }

    private void header(Document document, Invoice invoice) throws DocumentException {
        boolean tax = invoice.seller().vatNumber() != null;
        document.add(new Paragraph(tax ? "Tax invoice" : "Invoice", title));
        String local = localTitle(invoice.seller().country(), tax);
        if (local != null) {
            document.add(new Paragraph(visual(local), title));
        }
        PdfPTable table = new PdfPTable(new float[] {1, 2});
        table.setWidthPercentage(50);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        table.setSpacingBefore(8);
        row(table, "Invoice number", invoice.number());
        row(table, "Invoice date", DATE.format(invoice.issuedAt()));
        row(table, "Order number", invoice.orderNumber());
        row(table, "Currency", invoice.currency());
        document.add(table);
    }

    /**
     * The document's name in the language a Saudi (ZATCA: a simplified tax invoice to a consumer) or Israeli tax
     * authority expects on it, printed under the English one.
     */
    private static String localTitle(String country, boolean tax) {
        if ("SA".equals(country)) {
            return tax ? "فاتورة ضريبية مبسطة" : "فاتورة";
        }
        if ("IL".equals(country)) {
            return tax ? "חשבונית מס" : "חשבונית";
        }
        return null;
    }

    private void row(PdfPTable table, String label, String value) {
        table.addCell(plain(label, bold, Element.ALIGN_LEFT));
        table.addCell(plain(value, regular, Element.ALIGN_LEFT));
    }

    private void parties(Document document, Invoice invoice) throws DocumentException {
        PdfPTable table = new PdfPTable(2);
        table.setWidthPercentage(100);
        table.setSpacingBefore(12);
        Invoice.Seller seller = invoice.seller();
        Phrase from = new Phrase();
        from.add(new Chunk("Seller\n", bold));
        line(from, seller.name());
        seller.addressLines().forEach(line -> line(from, line));
        line(from, seller.country());
        if (seller.vatNumber() != null) {
            line(from, "VAT number: " + seller.vatNumber());
        }
        if (seller.crNumber() != null) {
            line(from, "CR number: " + seller.crNumber());
        }
        Invoice.Buyer buyer = invoice.buyer();
        Phrase to = new Phrase();
        to.add(new Chunk("Bill to\n", bold));
        line(to, buyer.name());
        buyer.addressLines().forEach(line -> line(to, line));
        line(to, buyer.email());
        table.addCell(cell(from, BidiText.rightToLeft(seller.name()) ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT));
        table.addCell(cell(to, BidiText.rightToLeft(buyer.name()) ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT));
        document.add(table);
    }

    /** One line of a party's block (more when it wraps); nothing for a missing value. */
    private void line(Phrase phrase, String text) {
        if (text != null && !text.isBlank()) {
            phrase.add(new Chunk(wrapped(text, PARTY_WIDTH) + "\n", regular));
        }
    }

    /** Text as drawn, right-to-left text broken into lines of {@code width} before its runs are reordered. */
    private String wrapped(String text, float width) {
        return String.join(
                "\n", BidiText.visualLines(text, drawn -> regularFont.getWidthPoint(drawn, regular.getSize()), width));
    }

    private void lines(Document document, Invoice invoice) throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {4, 2, 1, 2, 2});
        table.setWidthPercentage(100);
        table.setSpacingBefore(14);
        table.setHeaderRows(1);
        for (String heading : List.of("Item", "SKU", "Qty", "Unit price", "Amount")) {
            PdfPCell cell = plain(
                    heading,
                    bold,
                    heading.equals("Item") || heading.equals("SKU") ? Element.ALIGN_LEFT : Element.ALIGN_RIGHT);
            cell.setBorder(Rectangle.BOTTOM);
            table.addCell(cell);
        }
        String currency = invoice.currency();
        for (Invoice.Line line : invoice.lines()) {
            table.addCell(cell(new Phrase(wrapped(line.name(), ITEM_WIDTH), regular), Element.ALIGN_LEFT));
            table.addCell(plain(line.sku(), regular, Element.ALIGN_LEFT));
            table.addCell(plain(Integer.toString(line.quantity()), regular, Element.ALIGN_RIGHT));
            table.addCell(plain(money(line.unitPriceMinor(), currency), regular, Element.ALIGN_RIGHT));
            table.addCell(plain(money(line.amountMinor(), currency), regular, Element.ALIGN_RIGHT));
        }
        document.add(table);
    }

    private void totals(Document document, Invoice invoice) throws DocumentException {
        PdfPTable table = new PdfPTable(new float[] {3, 2});
        table.setWidthPercentage(45);
        table.setHorizontalAlignment(Element.ALIGN_RIGHT);
        table.setSpacingBefore(8);
        Invoice.Totals totals = invoice.totals();
        String currency = invoice.currency();
        total(table, "Subtotal", money(totals.subtotalMinor(), currency), regular);
        if (totals.discountMinor() != 0) {
            total(table, "Discount", "-" + money(totals.discountMinor(), currency), regular);
        }
        total(table, "Shipping", money(totals.shippingMinor(), currency), regular);
        total(table, "VAT", money(totals.vatMinor(), currency), regular);
        total(table, "Total", money(totals.totalMinor(), currency), bold);
        document.add(table);
    }

    private void total(PdfPTable table, String label, String value, Font font) {
        table.addCell(plain(label, font, Element.ALIGN_LEFT));
        table.addCell(plain(value, font, Element.ALIGN_RIGHT));
    }

    private void vat(Document document, Invoice invoice) throws DocumentException {
        Paragraph caption = new Paragraph("VAT breakdown", bold);
        caption.setSpacingBefore(10);
        document.add(caption);
        PdfPTable table = new PdfPTable(new float[] {1, 2, 2});
        table.setWidthPercentage(60);
        table.setHorizontalAlignment(Element.ALIGN_LEFT);
        table.setSpacingBefore(4);
        for (String heading : List.of("Rate", "Taxable amount", "VAT")) {
            PdfPCell cell = plain(heading, bold, Element.ALIGN_RIGHT);
            cell.setBorder(Rectangle.BOTTOM);
            table.addCell(cell);
        }
        for (Invoice.VatRow row : invoice.vatBreakdown()) {
            table.addCell(plain(rate(row.rateBasisPoints()), regular, Element.ALIGN_RIGHT));
            table.addCell(plain(money(row.taxableMinor(), invoice.currency()), regular, Element.ALIGN_RIGHT));
            table.addCell(plain(money(row.vatMinor(), invoice.currency()), regular, Element.ALIGN_RIGHT));
        }
        document.add(table);
    }

    private void qr(Document document, String base64) throws DocumentException {
        try {
            Image image = Image.getInstance(ZatcaQr.png(base64, QR_PIXELS));
            image.scaleAbsolute(120, 120);
            image.setSpacingBefore(12);
            Paragraph caption = new Paragraph("ZATCA QR code", bold);
            caption.setSpacingBefore(10);
            document.add(caption);
            document.add(image);
            document.add(new Paragraph(base64, small));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PdfPCell plain(String text, Font font, int alignment) {
        return cell(new Phrase(text == null ? "" : visual(text), font), alignment);
    }

    /** Text as drawn: right-to-left runs shaped and in visual order ({@link BidiText}). */
    private static String visual(String text) {
        return BidiText.visual(text);
    }

    private static PdfPCell cell(Phrase phrase, int alignment) {
        PdfPCell cell = new PdfPCell(phrase);
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setHorizontalAlignment(alignment);
        cell.setPadding(3);
        return cell;
    }

    private static String money(long amountMinor, String currency) {
        return Invoices.decimal(amountMinor, currency) + " " + currency;
    }

    private static String rate(long basisPoints) {
        DecimalFormat percent = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return percent.format(BigDecimal.valueOf(basisPoints, 2)) + " %";
    }
}
