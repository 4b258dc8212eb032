package io.orderengine.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientIdempotencyTest {

    private final ClientIdempotency idempotency = new ClientIdempotency(null, new ObjectMapper(), Clock.systemUTC());

    @Test
    void fingerprintsARequestTheSameWhateverOrderItsMapIteratesIn() {
        Map<String, Object> oneOrder = new LinkedHashMap<>();
        oneOrder.put("status", "3e227140");
        oneOrder.put("body", Map.of("note", "x"));
        Map<String, Object> otherOrder = new LinkedHashMap<>();
        otherOrder.put("body", Map.of("note", "x"));
        otherOrder.put("status", "3e227140");

        assertThat(idempotency.json(oneOrder)).isEqualTo(idempotency.json(otherOrder));
    }
}
