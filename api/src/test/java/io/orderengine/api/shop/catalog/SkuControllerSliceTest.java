package io.orderengine.api.shop.catalog;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderengine.api.web.SliceTestSupport.WithEngineWebLayer;
import io.orderengine.messages.query.ListSkusQuery;
import io.orderengine.query.sku.SkuPage;
import io.orderengine.query.sku.SkuView;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(SkuController.class)
@WithEngineWebLayer
class SkuControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    QueryGateway queries;

    @Test
    void anyoneReadsTheActiveCatalogueAsAPage() throws Exception {
        SkuView mug = new SkuView("MUG", "Mug", 900, "EUR", Map.of(), null, 5, 1, 4, 2, false, true);
        when(queries.query(
                        argThat((Object q) -> q instanceof ListSkusQuery list && list.activeOnly()),
                        any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(new SkuPage(List.of(mug), 0, 20, 1)));
        mvc.perform(get("/api/v1/skus"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].sku").value("MUG"))
                .andExpect(jsonPath("$.items[0].available").value(4))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void rejectsPagesOutOfRange() throws Exception {
        mvc.perform(get("/api/v1/skus").param("size", "100000")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/skus").param("page", "-1")).andExpect(status().isBadRequest());
    }
}
