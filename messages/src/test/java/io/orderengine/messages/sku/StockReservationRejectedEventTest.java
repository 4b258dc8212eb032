package io.orderengine.messages.sku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.common.SkuCode;
import org.junit.jupiter.api.Test;

class StockReservationRejectedEventTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SkuCode MUG = new SkuCode("MUG");
    private static final OrderId ORDER = new OrderId("3f2b1c9e-1d2a-4b6c-9e8f-0a1b2c3d4e5f");

    @Test
    void readsEventsStoredWhenTheReasonWasText() throws Exception {
        String stored = """
                {"sku":{"value":"MUG"},"orderId":{"value":"3f2b1c9e-1d2a-4b6c-9e8f-0a1b2c3d4e5f"},
                 "requested":3,"available":2,"reason":"insufficient stock"}""";
        String storedInactive = stored.replace("insufficient stock", "inactive");

        assertThat(MAPPER.readValue(stored, StockReservationRejectedEvent.class))
                .isEqualTo(
                        new StockReservationRejectedEvent(MUG, ORDER, 3, 2, StockRejectionReason.INSUFFICIENT_STOCK));
        assertThat(MAPPER.readValue(storedInactive, StockReservationRejectedEvent.class)
                        .reason())
                .isEqualTo(StockRejectionReason.INACTIVE);
    }

    @Test
    void writesTheReasonByNameAndReadsItBack() throws Exception {
        StockReservationRejectedEvent event =
                new StockReservationRejectedEvent(MUG, ORDER, 3, 2, StockRejectionReason.INSUFFICIENT_STOCK);

        String json = MAPPER.writeValueAsString(event);

        assertThat(json).contains("\"reason\":\"INSUFFICIENT_STOCK\"");
        assertThat(MAPPER.readValue(json, StockReservationRejectedEvent.class)).isEqualTo(event);
    }

    @Test
    void describesEachReasonWithTheWordsShownBefore() {
        assertThat(StockRejectionReason.INACTIVE.description()).isEqualTo("inactive");
        assertThat(StockRejectionReason.INSUFFICIENT_STOCK.description()).isEqualTo("insufficient stock");
    }

    @Test
    void refusesAReasonItDoesNotKnow() {
        assertThatThrownBy(() -> StockRejectionReason.of("sold out")).isInstanceOf(IllegalArgumentException.class);
    }
}
