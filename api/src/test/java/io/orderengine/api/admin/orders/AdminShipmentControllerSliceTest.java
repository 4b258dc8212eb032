package io.orderengine.api.admin.orders;

import static io.orderengine.api.web.SliceTestSupport.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.idempotency.ClientIdempotency;
import io.orderengine.api.web.SliceTestSupport.WithEngineWebLayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** A shipment request the engine could not read is a 400 problem and reaches no order. */
@WebMvcTest(AdminShipmentController.class)
@WithEngineWebLayer
class AdminShipmentControllerSliceTest {

    private static final String ORDER = "3f2b1c9e-1d2a-4b6c-9e8f-0a1b2c3d4e5f";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ConsistentCommands commands;

    @MockitoBean
    ClientIdempotency idempotency;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"lines\":[]}",
                "{\"lines\":[{\"sku\":\"A\",\"quantity\":0}]}",
                "{\"lines\":[{\"sku\":\"a b\",\"quantity\":1}]}",
                "{\"lines\":[{\"sku\":\"A\",\"quantity\":1},{\"sku\":\"A\",\"quantity\":2}]}",
                "{\"lines\":[{\"sku\":\"A\",\"quantity\":1}],\"trackingNumber\":\"<script>\"}",
                "{\"lines\":null}"
            })
    void refusesAShipmentItCannotReadWithoutSendingIt(String body) throws Exception {
        mvc.perform(post("/api/v1/admin/orders/" + ORDER + "/shipments")
                        .with(as("root", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isBadRequest());
        verify(commands, never()).sendAndWait(any());
    }
}
