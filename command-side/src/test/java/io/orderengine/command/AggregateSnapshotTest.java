package io.orderengine.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.command.order.Order;
import io.orderengine.command.order.OrderSnapshotFixtures;
import io.orderengine.command.sku.Sku;
import io.orderengine.command.sku.SkuSnapshotFixtures;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * Snapshots store the aggregates themselves as JSON. With a mapper that sees fields and no getters (what the api
 * configures for storage), an aggregate must come back exactly as it was, down to every reservation and refund.
 */
class AggregateSnapshotTest {

    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                    .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                    .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE))
            .build();

    @Test
    void aSkuWithReservationsInEveryStateSurvivesASnapshot() {
        AtomicReference<Sku> sku = new AtomicReference<>();
        SkuSnapshotFixtures.captureBusySku(sku::set);

        assertRoundTrip(sku.get(), Sku.class, "\"state\":\"RESTOCKED\"");
    }

    @Test
    void aPaidPartlyRefundedOrderInAttentionSurvivesASnapshot() {
        AtomicReference<Order> order = new AtomicReference<>();
        OrderSnapshotFixtures.captureBusyOrder(order::set);

        assertRoundTrip(order.get(), Order.class, "\"resumeStatus\":\"CONFIRMED\"");
    }

    private <T> void assertRoundTrip(T aggregate, Class<T> type, String expectedFragment) {
        assertThat(aggregate).isNotNull();
        SerializedObject<String> json = serializer.serialize(aggregate, String.class);
        T copy = serializer.deserialize(json);

        assertThat(copy).isInstanceOf(type);
        assertThat(copy).usingRecursiveComparison().isEqualTo(aggregate);
        assertThat(json.getData())
                .contains(expectedFragment)
                .doesNotContain("\"zero\"")
                .doesNotContain("\"negative\"");
    }
}
