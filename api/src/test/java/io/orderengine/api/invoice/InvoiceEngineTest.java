package io.orderengine.api.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderengine.api.notifications.OrderDriver;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.messages.order.OrderStatus;
import io.orderengine.query.order.OrderView;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.QrCodes;
import io.orderengine.testkit.TestStore;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/v1/orders/{id}/invoice} on the whole engine, for a Saudi seller: the owner, the guest with the
 * order's token and admins get the PDF of a confirmed order, with its lines, VAT and a ZATCA QR code that decodes to
 * the invoice's figures; everyone else gets 404, and an order not yet paid gets 409.
 */
class InvoiceEngineTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SKU = "BRAKE-PAD-01";

    @TempDir
    static Path folder;

    private static RunningEngine engine;
    private static EngineClient client;
    private static OrderDriver driver;
    private static String admin;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.shop.legal-name", "Souq Parts Co");
        properties.put("engine.shop.address", "King Fahd Rd 1|Riyadh 12211");
        properties.put("engine.shop.vat-number", "310122393500003");
        properties.put("engine.shop.country", "SA");
        engine = RunningEngine.start(properties);
        client = engine.client();
        driver = new OrderDriver(engine);
        admin = client.token("admin-1", "ADMIN");
        Map<String, Object> sku = new HashMap<>();
        sku.put("sku", SKU);
        sku.put("name", "Brake pad set");
        sku.put("priceMinor", 10000);
        sku.put("currency", "SAR");
        sku.put("lowStockThreshold", 1);
        sku.put("attributes", Map.of());
        sku.put("imageUrl", null);
        assertThat(client.post("/api/v1/admin/skus", sku, admin).status()).isEqualTo(201);
        assertThat(client.post("/api/v1/admin/skus/" + SKU + "/stock", Map.of("delta", 50, "reason", "received"), admin)
                        .status())
                .isEqualTo(204);
        await().atMost(WAIT).until(() -> available() == 50);
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Two brake pad sets (SAR 100.00 each) to Riyadh: free shipping, 15 % VAT, SAR 230.00. */
    private static Map<String, Object> saudiCheckout(String email) {
        Map<String, Object> body = EngineClient.checkoutBody(SKU, 2, email);
        Map<String, Object> address = new HashMap<>();
        address.put("fullName", "Sara Al-Qahtani");
        address.put("phone", null);
        address.put("line1", "12 Olaya St");
        address.put("line2", null);
        address.put("city", "Riyadh");
        address.put("region", null);
        address.put("postalCode", "12211");
        address.put("country", "SA");
        body.put("shippingAddress", address);
        body.put("currency", "SAR");
        return body;
    }

    @Test
    void theGuestAndAdminsGetTheTaxInvoiceWithAZatcaQrCodeOfAPaidOrder() throws IOException {
        OrderDriver.Placed order = driver.place(saudiCheckout("sara@example.com"), null);
        await().atMost(WAIT).until(() -> driver.view(order.orderId()) != null);
        String path = "/api/v1/orders/" + order.orderId() + "/invoice";

        EngineClient.Reply early = client.get(path, admin);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("type")).isEqualTo("urn:order-engine:problem:order-not-confirmed");

        OrderView confirmed = driver.confirm(order.orderId());
        HttpResponse<byte[]> pdf = fetch(path + "?token=" + order.guestToken(), null);

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        String disposition = pdf.headers().firstValue("Content-Disposition").orElseThrow();
        java.util.regex.Matcher numbered =
                java.util.regex.Pattern.compile("INV-\\d{4}-\\d{6}").matcher(disposition);
        assertThat(numbered.find()).as(disposition).isTrue();
        String invoiceNumber = numbered.group();
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            String text = stripper.getText(document);
            assertThat(text)
                    .contains(
                            "Tax invoice",
                            invoiceNumber,
                            order.orderNumber(),
                            "Souq Parts Co",
                            "VAT number: 310122393500003",
                            "Sara Al-Qahtani",
                            "Brake pad set",
                            "100.00 SAR",
                            "200.00 SAR",
                            "15 %",
                            "30.00 SAR",
                            "230.00 SAR");
            String qrText = printedBelow("ZATCA QR code", text);
            String confirmedAt = DateTimeFormatter.ISO_INSTANT.format(confirmed.statusHistory().stream()
                    .filter(change -> change.to() == OrderStatus.CONFIRMED)
                    .findFirst()
                    .orElseThrow()
                    .at()
                    .truncatedTo(ChronoUnit.SECONDS));
            assertThat(QrCodes.tlvFields(qrText))
                    .containsExactly(
                            Map.entry(1, "Souq Parts Co"),
                            Map.entry(2, "310122393500003"),
                            Map.entry(3, confirmedAt),
                            Map.entry(4, "230.00"),
                            Map.entry(5, "30.00"));
            assertThat(images(document))
                    .singleElement()
                    .satisfies(image -> assertThat(QrCodes.decode(image)).isEqualTo(qrText));
        }
        HttpResponse<byte[]> again = fetch(path, admin);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Content-Disposition").orElseThrow())
                .as("the order keeps its invoice number")
                .contains(invoiceNumber + ".pdf");
    }

    @Test
    void onlyTheOwnerOfAnOrderMayReadItsInvoiceOthersCannotTellItExists() {
        String sara = client.token("sara", "CUSTOMER");
        OrderDriver.Placed order = driver.place(saudiCheckout("sara@example.com"), sara);
        driver.confirm(order.orderId());
        String path = "/api/v1/orders/" + order.orderId() + "/invoice";

        assertThat(fetch(path, sara).statusCode()).isEqualTo(200);
        assertThat(fetch(path, client.token("mallory", "CUSTOMER")).statusCode())
                .isEqualTo(404);
        assertThat(fetch(path, null).statusCode()).isEqualTo(404);
        assertThat(fetch(path + "?token=guessed-token", null).statusCode()).isEqualTo(404);
        assertThat(fetch("/api/v1/orders/not-an-id/invoice", admin).statusCode())
                .isEqualTo(404);
        assertThat(fetch("/api/v1/orders/00000000-0000-4000-8000-000000000000/invoice", admin)
                        .statusCode())
                .isEqualTo(404);
    }

    /** The base64 text printed on the lines right below {@code heading} (it may wrap). */
    private static String printedBelow(String heading, String text) {
        StringBuilder printed = new StringBuilder();
        boolean below = false;
        for (String line : text.split("\\R")) {
            if (below && line.strip().matches("[A-Za-z0-9+/=]+")) {
                printed.append(line.strip());
            } else if (below) {
                break;
            }
            below = below || line.strip().equals(heading);
        }
        assertThat(printed).as(text).isNotEmpty();
        return printed.toString();
    }

    private static HttpResponse<byte[]> fetch(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + engine.port() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/pdf, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<BufferedImage> images(PDDocument document) throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        for (PDPage page : document.getPages()) {
            for (COSName name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject image) {
                    images.add(image.getImage());
                }
            }
        }
        return images;
    }

    private static int available() {
        EngineClient.Reply page = client.get("/api/v1/skus?page=0&size=500", null);
        for (JsonNode item : page.body().path("items")) {
            if (SKU.equals(item.path("sku").asText())) {
                return item.path("available").asInt();
            }
        }
        return -1;
    }
}
