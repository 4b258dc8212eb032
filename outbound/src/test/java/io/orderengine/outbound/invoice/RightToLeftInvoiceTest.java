package io.orderengine.outbound.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.lowagie.text.pdf.BaseFont;
import io.orderengine.messages.common.Address;
import io.orderengine.messages.common.Money;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.order.OrderLine;
import io.orderengine.messages.order.OrderTotals;
import io.orderengine.outbound.facts.OrderFacts;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/**
 * Invoices of an Arabic and a Hebrew customer, read back with PDFBox: the extracted text has the names and addresses
 * in logical order (so the words were put in visual order correctly and the Arabic letters shaped into joined forms),
 * and the rendered page has ink where the name is, drawn from real glyphs of an embedded font, where a font without
 * those glyphs leaves the place empty. The pages are saved as PNGs under {@code target/rtl-invoices/}.
 */
class RightToLeftInvoiceTest {

    private static final Instant CONFIRMED_AT = Instant.parse("2026-03-01T10:05:00Z");
    private static final Path PNGS = Path.of("target", "rtl-invoices");
    private static final float DPI = 110;

    private static final String ARABIC_NAME = "سارة القحطاني";
    private static final String ARABIC_STREET = "شارع العليا 12";
    private static final String ARABIC_CITY = "الرياض";
    private static final String HEBREW_NAME = "דוד כהן";
    private static final String HEBREW_STREET = "רחוב הרצל 12";
    private static final String HEBREW_CITY = "תל אביב";

    @Test
    void anArabicCustomersInvoiceReadsBackInLogicalOrderWithJoinedLettersFromEmbeddedGlyphs() throws IOException {
        SellerProperties seller = new SellerProperties(
                "شركة قطع السوق", "طريق الملك فهد 1|الرياض", "310122393500003", "1010010030", "SA");
        Invoice invoice = invoices(seller)
                .of(order(new Address(ARABIC_NAME, null, ARABIC_STREET, null, ARABIC_CITY, null, "12211", "SA"), "SAR"))
                .orElseThrow();

        byte[] pdf = new InvoicePdf(InvoicePdfTest.INVOICING).render(invoice);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(text(document))
                    .contains(
                            ARABIC_NAME, ARABIC_STREET, "12211 " + ARABIC_CITY, "شركة قطع السوق", "فاتورة ضريبية مبسطة")
                    .contains("Tax invoice", "INV-2026-000001", "230.00 SAR");
            List<TextPosition> name = positionsOf(document, ARABIC_NAME);
            assertThat(name.stream().map(TextPosition::getUnicode).toList())
                    .as("the name is drawn with Arabic presentation forms: its letters were shaped")
                    .anyMatch(glyph -> glyph.codePoints().anyMatch(c -> c >= 0xFE70 && c <= 0xFEFF));
            assertThat(positionsOf(document, ARABIC_STREET).subList(0, 2).stream()
                            .map(TextPosition::getUnicode))
                    .containsExactly("1", "2");
            assertEveryGlyphIsRealAndEmbedded(document, name);
            BufferedImage page = render(document, "arabic.png");
            Rectangle where = box(name);
            assertThat(ink(page, where)).as("dark pixels where the name is").isGreaterThan(where.width * 2);

            assertAFontWithoutTheGlyphsLeavesThatPlaceEmpty(invoice, where, ink(page, where), "arabic-no-glyphs.png");
        }
    }

    @Test
    void aHebrewCustomersInvoiceReadsBackInLogicalOrderFromEmbeddedGlyphs() throws IOException {
        SellerProperties seller =
                new SellerProperties("חנות החלקים בע״מ", "דרך מנחם בגין 1|תל אביב", "123456782", null, "IL");
        Invoice invoice = invoices(seller)
                .of(order(
                        new Address(HEBREW_NAME, null, HEBREW_STREET, null, HEBREW_CITY, null, "6701101", "IL"), "ILS"))
                .orElseThrow();

        byte[] pdf = new InvoicePdf(InvoicePdfTest.INVOICING).render(invoice);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(text(document))
                    .contains(HEBREW_NAME, HEBREW_STREET, "6701101 " + HEBREW_CITY, "חנות החלקים בע״מ", "חשבונית מס")
                    .contains("Tax invoice", "VAT number: 123456782", "230.00 ILS");
            List<TextPosition> name = positionsOf(document, HEBREW_NAME);
            assertThat(name.get(0).getUnicode())
                    .as("drawn from the left, the first glyph of the name is its last letter")
                    .isEqualTo("ן");
            assertThat(positionsOf(document, HEBREW_STREET).subList(0, 3).stream()
                            .map(TextPosition::getUnicode))
                    .as("a right-to-left line ends on the left: the house number, its digits left to right")
                    .containsExactly("1", "2", " ");
            assertEveryGlyphIsRealAndEmbedded(document, name);
            BufferedImage page = render(document, "hebrew.png");
            Rectangle where = box(name);
            assertThat(ink(page, where)).as("dark pixels where the name is").isGreaterThan(where.width * 2);

            assertAFontWithoutTheGlyphsLeavesThatPlaceEmpty(invoice, where, ink(page, where), "hebrew-no-glyphs.png");
        }
    }

    @Test
    void aRightToLeftLineTooLongForItsColumnWrapsWithItsBeginningOnTheFirstPrintedLine() throws IOException {
        String longStreet = "مجمع الملك عبدالله للأعمال الطابق الثالث عشر مكتب رقم ألف ومئتان وخمسة وثلاثون"
                + " بجوار البوابة الشمالية";
        SellerProperties seller = new SellerProperties("Souq Parts Co", "", "310122393500003", null, "SA");
        Invoice invoice = invoices(seller)
                .of(order(new Address(ARABIC_NAME, null, longStreet, null, ARABIC_CITY, null, "12211", "SA"), "SAR"))
                .orElseThrow();

        try (PDDocument document = Loader.loadPDF(new InvoicePdf(InvoicePdfTest.INVOICING).render(invoice))) {
            render(document, "arabic-long-address.png");
            List<String> lines = text(document).lines().map(String::strip).toList();
            int first = lines.indexOf(ARABIC_NAME) + 1;
            List<String> printed = List.of(lines.get(first), lines.get(first + 1));

            assertThat(printed.get(0)).as("the first printed line").startsWith("مجمع الملك عبدالله");
            assertThat(printed.get(1)).as("the second printed line").endsWith("البوابة الشمالية");
            assertThat(String.join(" ", printed)).isEqualTo(longStreet);
        }
    }

    private static Invoices invoices(SellerProperties seller) {
        return new Invoices(seller, InvoicePdfTest.INVOICING, (orderId, series, year) -> 1);
    }

    /** Two parts at 100.00 each, 15 % VAT on 200.00: 230.00 in {@code currency}. */
    private static OrderFacts order(Address address, String currency) {
        OrderTotals totals = new OrderTotals(
                Money.of(20000, currency),
                Money.of(0, currency),
                Money.of(0, currency),
                Money.of(3000, currency),
                Money.of(23000, currency),
                1500);
        return new OrderFacts(
                "7a0c1a2b-0000-4000-8000-000000000001",
                "ORD-20260301-000001",
                "buyer@example.com",
                null,
                false,
                List.of(OrderLine.of(
                        new SkuCode("BRAKE-PAD-01"), "Brake pad set", Money.of(10000, currency), 2, Map.of(), null)),
                totals,
                address,
                null,
                CONFIRMED_AT.minusSeconds(300),
                CONFIRMED_AT,
                null,
                null,
                null,
                null,
                2);
    }

    private static String text(PDDocument document) throws IOException {
        return new PDFTextStripper().getText(document);
    }

    /** The glyphs of the printed line whose extracted (logical) text is {@code line}, in drawing order. */
    private static List<TextPosition> positionsOf(PDDocument document, String line) throws IOException {
        List<List<TextPosition>> found = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) throws IOException {
                if (text.strip().equals(line)) {
                    found.add(List.copyOf(positions));
                }
                super.writeString(text, positions);
            }
        };
        stripper.getText(document);
        assertThat(found).as("a printed line reading " + line).isNotEmpty();
        List<TextPosition> positions = new ArrayList<>(found.get(0));
        positions.sort((a, b) -> Float.compare(a.getXDirAdj(), b.getXDirAdj()));
        return positions;
    }

    private static void assertEveryGlyphIsRealAndEmbedded(PDDocument document, List<TextPosition> glyphs)
            throws IOException {
        for (TextPosition glyph : glyphs) {
            PDFont font = glyph.getFont();
            assertThat(font.isEmbedded()).as(font.getName() + " is embedded").isTrue();
            assertThat(font).isInstanceOf(PDType0Font.class);
            for (int code : glyph.getCharacterCodes()) {
                assertThat(((PDType0Font) font).codeToGID(code))
                        .as("glyph of '" + glyph.getUnicode() + "' is not .notdef")
                        .isNotZero();
            }
        }
        for (var name : document.getPage(0).getResources().getFontNames()) {
            assertThat(document.getPage(0).getResources().getFont(name).isEmbedded())
                    .isTrue();
        }
    }

    /**
     * The same invoice printed with a font that has no Hebrew or Arabic glyphs (Liberation Sans, or Helvetica where
     * the system has no Liberation) leaves the name's place (nearly) blank: so the ink counted above is the name.
     */
    private static void assertAFontWithoutTheGlyphsLeavesThatPlaceEmpty(
            Invoice invoice, Rectangle where, int inkWithGlyphs, String png) throws IOException {
        BaseFont lacking = lackingFont();
        byte[] pdf = new InvoicePdf(lacking, lacking).render(invoice);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage page = render(document, png);
            assertThat(ink(page, where)).isLessThan(inkWithGlyphs / 4);
        }
    }

    private static BaseFont lackingFont() throws IOException {
        Path liberation = Path.of("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf");
        try {
            return Files.isReadable(liberation)
                    ? BaseFont.createFont(liberation.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED)
                    : BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (com.lowagie.text.DocumentException e) {
            throw new IOException(e);
        }
    }

    private static BufferedImage render(PDDocument document, String file) throws IOException {
        BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, DPI);
        Files.createDirectories(PNGS);
        ImageIO.write(page, "png", PNGS.resolve(file).toFile());
        return page;
    }

    /** The glyphs' box in page pixels, from their positions in points. */
    private static Rectangle box(List<TextPosition> glyphs) {
        float scale = DPI / 72f;
        float left = Float.MAX_VALUE, right = 0, top = Float.MAX_VALUE, bottom = 0;
        for (TextPosition glyph : glyphs) {
            left = Math.min(left, glyph.getXDirAdj());
            right = Math.max(right, glyph.getXDirAdj() + glyph.getWidthDirAdj());
            top = Math.min(top, glyph.getYDirAdj() - glyph.getHeightDir());
            bottom = Math.max(bottom, glyph.getYDirAdj());
        }
        int x = (int) Math.floor(left * scale);
        int y = (int) Math.floor(top * scale) - 1;
        return new Rectangle(
                x, y, (int) Math.ceil((right - left) * scale), (int) Math.ceil((bottom - top) * scale) + 3);
    }

    /** Pixels darker than mid-grey inside {@code area}. */
    private static int ink(BufferedImage page, Rectangle area) {
        int dark = 0;
        for (int y = Math.max(area.y, 0); y < Math.min(area.y + area.height, page.getHeight()); y++) {
            for (int x = Math.max(area.x, 0); x < Math.min(area.x + area.width, page.getWidth()); x++) {
                int rgb = page.getRGB(x, y);
                int grey = (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
                if (grey < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }
}
