package io.orderengine.testkit;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Test helpers: read a QR code back from an image, and split a ZATCA TLV into its fields. */
public final class QrCodes {

    private QrCodes() {}

    public static String decode(BufferedImage image) {
        try {
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
            return new QRCodeReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(source)))
                    .getText();
        } catch (Exception e) {
            throw new IllegalStateException("no readable QR code", e);
        }
    }

    public static String decodePng(byte[] png) {
        try {
            return decode(ImageIO.read(new ByteArrayInputStream(png)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tag → UTF-8 value of a base64 TLV. */
    public static Map<Integer, String> tlvFields(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        Map<Integer, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < bytes.length) {
            int tag = bytes[i] & 0xFF;
            int length = bytes[i + 1] & 0xFF;
            fields.put(tag, new String(bytes, i + 2, length, StandardCharsets.UTF_8));
            i += 2 + length;
        }
        return fields;
    }
}
