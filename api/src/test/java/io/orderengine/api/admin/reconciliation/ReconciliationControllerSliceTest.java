package io.orderengine.api.admin.reconciliation;

import static io.orderengine.api.web.SliceTestSupport.as;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderengine.api.web.SliceTestSupport.WithEngineWebLayer;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.reconciliation.Discrepancy;
import io.orderengine.saga.reconciliation.Reconciliation;
import io.orderengine.saga.reconciliation.ReconciliationReport;
import io.orderengine.saga.reconciliation.ReconciliationReport.OrderFollowUp;
import io.orderengine.saga.reconciliation.ReconciliationReports;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(ReconciliationController.class)
@WithEngineWebLayer
class ReconciliationControllerSliceTest {

    private static final LocalDate TODAY = LocalDate.parse("2025-11-22");
    private static final String ORDER = "5f0c2b1e-8a3d-4c6e-9b7a-1d2e3f4a5b6c";
    private static final ReconciliationReport REPORT = ReconciliationReport.of(
            TODAY.minusDays(1),
            Instant.parse("2025-11-22T03:00:01Z"),
            3,
            2,
            1,
            List.of(new Discrepancy(
                    Discrepancy.Kind.MISSING_LOCALLY,
                    LedgerEntry.Type.REFUND,
                    "stripe",
                    ORDER,
                    "pi_1",
                    "re_1",
                    null,
                    500L,
                    "EUR")),
            List.of(new OrderFollowUp(ORDER, OrderFollowUp.Action.FLAGGED, "reconciliation of 2025-11-21: ...", false)),
            List.of());

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2025-11-22T10:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Reconciliation reconciliation;

    @MockitoBean
    ReconciliationReports reports;

    @Test
    void anAdminRunsADayAndGetsItsReportWithEveryDifference() throws Exception {
        when(reconciliation.run(TODAY.minusDays(1))).thenReturn(REPORT);

        mvc.perform(post("/api/v1/admin/reconciliation/run")
                        .param("date", "2025-11-21")
                        .with(as("admin", "ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.date").value("2025-11-21"))
                .andExpect(jsonPath("$.status").value("DIFFERENCES"))
                .andExpect(jsonPath("$.paymentsChecked").value(3))
                .andExpect(jsonPath("$.differences[0].kind").value("MISSING_LOCALLY"))
                .andExpect(jsonPath("$.differences[0].movement").value("REFUND"))
                .andExpect(jsonPath("$.differences[0].provider").value("stripe"))
                .andExpect(jsonPath("$.differences[0].gatewayMinor").value(500))
                .andExpect(jsonPath("$.followUps[0].action").value("FLAGGED"))
                .andExpect(jsonPath("$.ranAt").value("2025-11-22T03:00:01Z"));
    }

    @Test
    void withoutADateTheRunIsForYesterdayUtc() throws Exception {
        when(reconciliation.run(TODAY.minusDays(1))).thenReturn(REPORT);

        mvc.perform(post("/api/v1/admin/reconciliation/run").with(as("admin", "ADMIN")))
                .andExpect(status().isOk());
        verify(reconciliation).run(TODAY.minusDays(1));
    }

    @Test
    void aDayThatHasNotBegunOrIsNoDateIsA400Problem() throws Exception {
        mvc.perform(post("/api/v1/admin/reconciliation/run")
                        .param("date", "2025-11-23")
                        .with(as("admin", "ADMIN")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:reconciliation-date-in-future"));
        mvc.perform(post("/api/v1/admin/reconciliation/run")
                        .param("date", "22.11.2025")
                        .with(as("admin", "ADMIN")))
                .andExpect(status().isBadRequest());
        verify(reconciliation, never()).run(any());
    }

    @Test
    void aStoredReportIsReadAndADayNeverRunIs404() throws Exception {
        when(reports.find(TODAY.minusDays(1))).thenReturn(Optional.of(REPORT));
        when(reports.find(TODAY.minusDays(9))).thenReturn(Optional.empty());

        mvc.perform(get("/api/v1/admin/reconciliation/2025-11-21").with(as("admin", "ADMIN")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.refundsChecked").value(1));
        mvc.perform(get("/api/v1/admin/reconciliation/2025-11-13").with(as("admin", "ADMIN")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:order-engine:problem:not-found"));
    }

    @Test
    void onlyAdminsMayRunOrReadReconciliations() throws Exception {
        mvc.perform(post("/api/v1/admin/reconciliation/run").with(as("alice", "CUSTOMER")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/admin/reconciliation/2025-11-21")).andExpect(status().isUnauthorized());
        verify(reconciliation, never()).run(any());
    }
}
