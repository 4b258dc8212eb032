package io.orderengine.api.admin.catalog;

import static io.orderengine.api.web.SliceTestSupport.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderengine.api.engine.ConsistentCommands;
import io.orderengine.api.web.SliceTestSupport.WithEngineWebLayer;
import io.orderengine.command.sku.InsufficientStockException;
import io.orderengine.messages.common.SkuCode;
import io.orderengine.messages.sku.AdjustStockCommand;
import io.orderengine.messages.sku.ReceiveStockCommand;
import io.orderengine.messages.sku.RegisterSkuCommand;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(AdminSkuController.class)
@WithEngineWebLayer
class AdminSkuControllerSliceTest {

    private static final String VALID = """
            {"sku":"TSHIRT-RED-M","name":"Red T-shirt M","priceMinor":2500,"currency":"EUR",
             "lowStockThreshold":2,"attributes":{"color":"red"},"imageUrl":null}""";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ConsistentCommands commands;

    @MockitoBean
    QueryGateway queries;

    @Test
    void registersASkuAndAnswers201WithItsLocation() throws Exception {
        mvc.perform(post("/api/v1/admin/skus")
                        .with(as("admin", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/admin/skus/TSHIRT-RED-M"))
                .andExpect(jsonPath("$.sku").value("TSHIRT-RED-M"))
                .andExpect(jsonPath("$.priceMinor").value(2500));
        verify(commands).sendAndWait(any(RegisterSkuCommand.class));
    }

    @Test
    void rejectsInvalidFieldsWithAProblemListingEachField() throws Exception {
        mvc.perform(post("/api/v1/admin/skus")
                        .with(as("admin", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sku\":\"bad sku\",\"name\":\"\",\"priceMinor\":-5,\"currency\":\"euro\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:validation"))
                .andExpect(jsonPath("$.errors.length()").value(4));
        verify(commands, never()).sendAndWait(any());
    }

    @Test
    void rejectsUnknownFieldsAndNeedsTheAdminRole() throws Exception {
        mvc.perform(post("/api/v1/admin/skus")
                        .with(as("admin", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID.replace("\"imageUrl\":null", "\"imageUrl\":null,\"discount\":99")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Unknown field 'discount'."));
        mvc.perform(post("/api/v1/admin/skus")
                        .with(as("alice", "CUSTOMER"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/admin/skus")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void mapsDomainRejectionsToProblems() throws Exception {
        when(commands.sendAndWait(any(RegisterSkuCommand.class)))
                .thenThrow(new AggregateStreamCreationException("exists"));
        mvc.perform(post("/api/v1/admin/skus")
                        .with(as("admin", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:already-exists"));

        when(commands.sendAndWait(any(ReceiveStockCommand.class)))
                .thenThrow(new AggregateNotFoundException("X", "gone"));
        mvc.perform(post("/api/v1/admin/skus/NOPE/stock")
                        .with(as("admin", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"delta\":5,\"reason\":\"received\"}"))
                .andExpect(status().isNotFound());

        when(commands.sendAndWait(any(AdjustStockCommand.class)))
                .thenThrow(new InsufficientStockException(new SkuCode("MUG"), -9, 3, 0));
        mvc.perform(post("/api/v1/admin/skus/MUG/stock")
                        .with(as("admin", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"delta\":-9,\"reason\":\"broken\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:insufficient-stock"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("3 available")));

        mvc.perform(post("/api/v1/admin/skus/MUG/stock")
                        .with(as("admin", "ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"delta\":0,\"reason\":\"nothing\"}"))
                .andExpect(status().isBadRequest());
    }
}
