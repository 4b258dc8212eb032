package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.projection.ProjectionCollections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The order view must serialize to the REST shape of {@code GET /api/v1/orders/{id}} with Jackson's defaults. */
@ExtendWith(EmbeddedMongo.class)
class OrderViewJsonTest {

    /** Configured as Spring Boot configures its ObjectMapper: Java time modules, ISO dates. */
    private final ObjectMapper json = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @Test
    void serializesToTheOrderShapeOfTheRestApi(MongoDatabase database) throws Exception {
        OrderDetailProjection projection = new OrderDetailProjection(
                new ProjectionCollections(database),
                SimpleQueryUpdateEmitter.builder().build());
        OrderStory story = OrderStory.place(
                        new EventFeed(projection),
                        aPlacedOrder().byGuest("bob@example.com", "cafe01").build())
                .awaitPayment(Instant.parse("2025-03-14T09:01:00Z"));

        JsonNode order = json.readTree(json.writeValueAsString(projection.handle(new FindOrderQuery(story.id()))));

        assertThat(fieldNames(order))
                .containsExactly(
                        "orderId",
                        "orderNumber",
                        "status",
                        "paymentStatus",
                        "paymentMethod",
                        "customer",
                        "lines",
                        "totals",
                        "shippingAddress",
                        "billingAddress",
                        "discountCode",
                        "notes",
                        "adminNotes",
                        "trackingNumber",
                        "estimatedDelivery",
                        "shortages",
                        "statusHistory",
                        "payment",
                        "placedAt",
                        "updatedAt",
                        "shipments",
                        "version",
                        "edits",
                        "returns");
        assertThat(fieldNames(order.get("customer"))).containsExactly("customerId", "email", "guest");
        assertThat(fieldNames(order.get("lines").get(0)))
                .containsExactly(
                        "sku", "name", "unitPriceMinor", "quantity", "attributes", "imageUrl", "lineTotalMinor");
        assertThat(fieldNames(order.get("totals")))
                .containsExactly(
                        "subtotalMinor",
                        "discountMinor",
                        "shippingMinor",
                        "taxMinor",
                        "totalMinor",
                        "currency",
                        "taxRateBasisPoints");
        assertThat(fieldNames(order.get("statusHistory").get(1))).containsExactly("from", "to", "at", "actor", "note");
        assertThat(fieldNames(order.get("statusHistory").get(1).get("actor"))).containsExactly("type", "id");
        assertThat(fieldNames(order.get("payment")))
                .containsExactly(
                        "provider",
                        "brand",
                        "last4",
                        "amountMinor",
                        "capturedMinor",
                        "refundedMinor",
                        "refundPendingMinor",
                        "reference",
                        "captureReference",
                        "failureReason",
                        "action",
                        "attempt");
        assertThat(fieldNames(order.get("payment").get("action"))).containsExactly("type", "url");
        assertThat(fieldNames(order.get("shippingAddress")))
                .containsExactly("fullName", "phone", "line1", "line2", "city", "region", "postalCode", "country");

        assertThat(order.get("status").asText()).isEqualTo("AWAITING_PAYMENT");
        assertThat(order.get("statusHistory").get(0).get("from").isNull()).isTrue();
        assertThat(order.get("statusHistory").get(1).get("at").asText()).isEqualTo("2025-03-14T09:01:00Z");
        assertThat(order.get("statusHistory").get(1).get("actor").get("type").asText())
                .isEqualTo("system");
        assertThat(order.get("payment").get("action").get("type").asText()).isEqualTo("sandbox");
        assertThat(order.get("totals").get("totalMinor").asLong()).isEqualTo(7906);
        assertThat(json.writeValueAsString(order))
                .doesNotContain("guestTokenHash")
                .doesNotContain("cafe01");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
