package io.orderengine.outbound.invoice;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The QR code Saudi (ZATCA) simplified tax invoices carry: a TLV of five fields, each one byte tag, one byte
 * length and the UTF-8 value — 1 seller name, 2 VAT number, 3 time stamp (ISO-8601), 4 total with VAT, 5 VAT
 * total — encoded in base64, and that text drawn as a QR code.
 */
public final class ZatcaQr {

    private ZatcaQr() {}

    /** The TLV bytes; amounts are decimal strings such as {@code "35.40"}. */
    public static byte[] tlv(
            String sellerName, String vatNumber, Instant timestamp, String totalWithVat, String vatTotal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, 1, sellerName);
        field(out, 2, vatNumber);
        field(out, 3, DateTimeFormatter.ISO_INSTANT.format(timestamp.truncatedTo(ChronoUnit.SECONDS)));
        field(out, 4, totalWithVat);
        field(out, 5, vatTotal);
        return out.toByteArray();
    }

    public static String base64(
            String sellerName, String vatNumber, Instant timestamp, String totalWithVat, String vatTotal) {
        return Base64.getEncoder().encodeToString(tlv(sellerName, vatNumber, timestamp, totalWithVat, vatTotal));
    }

    private static void field(ByteArrayOutputStream out, int tag, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 255) {
            throw new IllegalArgumentException("ZATCA QR field " + tag + " is longer than 255 bytes");
        }
        out.write(tag);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    /** {@code text} as a black-on-white QR code PNG of {@code size} × {@code size} pixels. */
    public static byte[] png(String text, int size) {
        try {
            BitMatrix matrix = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            size,
                            size,
                            Map.of(
                                    EncodeHintType.ERROR_CORRECTION,
                                    ErrorCorrectionLevel.M,
                                    EncodeHintType.MARGIN,
                                    2,
                                    EncodeHintType.CHARACTER_SET,
                                    StandardCharsets.UTF_8.name()));
            BufferedImage image =
                    new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text cannot be drawn as a QR code: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
