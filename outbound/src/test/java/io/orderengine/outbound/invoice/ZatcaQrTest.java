package io.orderengine.outbound.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.testkit.QrCodes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZatcaQrTest {

    private static final Instant AT = Instant.parse("2022-04-25T15:30:00Z");

    @Test
    void encodesEachFieldAsTagLengthAndUtf8Value() {
        byte[] tlv = ZatcaQr.tlv("Bobs Records", "310122393500003", AT, "1000.00", "150.00");

        assertThat(tlv[0]).isEqualTo((byte) 1);
        assertThat(tlv[1]).isEqualTo((byte) 12);
        assertThat(new String(tlv, 2, 12, StandardCharsets.US_ASCII)).isEqualTo("Bobs Records");
        assertThat(tlv[14]).isEqualTo((byte) 2);
        assertThat(tlv[15]).isEqualTo((byte) 15);
        assertThat(tlv).hasSize(2 + 12 + 2 + 15 + 2 + 20 + 2 + 7 + 2 + 6);
    }

    @Test
    void matchesThePublishedZatcaExample() {
        assertThat(ZatcaQr.base64("Bobs Records", "310122393500003", AT, "1000.00", "150.00"))
                .isEqualTo(
                        "AQxCb2JzIFJlY29yZHMCDzMxMDEyMjM5MzUwMDAwMwMUMjAyMi0wNC0yNVQxNTozMDowMFoEBzEwMDAuMDAFBjE1MC4wMA==");
    }

    @Test
    void countsLengthsInBytesSoArabicNamesSurviveTheRoundTrip() {
        String name = "شركة قطع الغيار";
        String base64 = ZatcaQr.base64(name, "300000000000003", AT, "230.00", "30.00");

        Map<Integer, String> fields = QrCodes.tlvFields(base64);

        assertThat(fields)
                .containsExactly(
                        Map.entry(1, name),
                        Map.entry(2, "300000000000003"),
                        Map.entry(3, "2022-04-25T15:30:00Z"),
                        Map.entry(4, "230.00"),
                        Map.entry(5, "30.00"));
    }

    @Test
    void drawsAQrCodeThatReadsBackAsTheBase64Text() {
        String base64 = ZatcaQr.base64("Bobs Records", "310122393500003", AT, "1000.00", "150.00");

        assertThat(QrCodes.decodePng(ZatcaQr.png(base64, 300))).isEqualTo(base64);
    }

    @Test
    void refusesFieldsLongerThanOneLengthByteCanSay() {
        assertThatThrownBy(() -> ZatcaQr.tlv("x".repeat(256), "1", AT, "1.00", "0.00"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
