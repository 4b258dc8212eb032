package io.orderengine.saga.reconciliation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.orderengine.saga.ledger.LedgerEntry;
import io.orderengine.saga.reconciliation.ReconciliationReport.OrderFollowUp;
import io.orderengine.saga.reconciliation.ReconciliationReport.UncheckedPayment;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The reconciliation reports, one per UTC day, in the Mongo collection {@code reconciliation_reports} with the day
 * ({@code YYYY-MM-DD}) as {@code _id}. Running a day again replaces its report.
 */
public class ReconciliationReports {

    public static final String COLLECTION = "reconciliation_reports";

    private final MongoCollection<Document> reports;

    public ReconciliationReports(MongoDatabase database) {
        this.reports = database.getCollection(COLLECTION);
    }

    public void save(ReconciliationReport report) {
        reports.replaceOne(
                Filters.eq("_id", report.date().toString()), toDocument(report), new ReplaceOptions().upsert(true));
    }

    public Optional<ReconciliationReport> find(LocalDate date) {
        return Optional.ofNullable(
                        reports.find(Filters.eq("_id", date.toString())).first())
                .map(ReconciliationReports::toReport);
    }

    private static Document toDocument(ReconciliationReport report) {
        return new Document("_id", report.date().toString())
                .append("ranAt", Date.from(report.ranAt()))
                .append("status", report.status().name())
                .append("paymentsChecked", report.paymentsChecked())
                .append("capturesChecked", report.capturesChecked())
                .append("refundsChecked", report.refundsChecked())
                .append(
                        "differences",
                        report.differences().stream()
                                .map(d -> new Document("kind", d.kind().name())
                                        .append("movement", d.movement().name())
                                        .append("provider", d.provider())
                                        .append("orderId", d.orderId())
                                        .append("paymentReference", d.paymentReference())
                                        .append("reference", d.reference())
                                        .append("ledgerMinor", d.ledgerMinor())
                                        .append("gatewayMinor", d.gatewayMinor())
                                        .append("currency", d.currency()))
                                .toList())
                .append(
                        "followUps",
                        report.followUps().stream()
                                .map(f -> new Document("orderId", f.orderId())
                                        .append("action", f.action().name())
                                        .append("detail", f.detail())
                                        .append("repeated", f.repeated()))
                                .toList())
                .append(
                        "unchecked",
                        report.unchecked().stream()
                                .map(u -> new Document("provider", u.provider())
                                        .append("orderId", u.orderId())
                                        .append("paymentReference", u.paymentReference())
                                        .append("reason", u.reason()))
                                .toList());
    }

    private static ReconciliationReport toReport(Document document) {
        List<Discrepancy> differences = document.getList("differences", Document.class, List.of()).stream()
                .map(d -> new Discrepancy(
                        Discrepancy.Kind.valueOf(d.getString("kind")),
                        LedgerEntry.Type.valueOf(d.getString("movement")),
                        d.getString("provider"),
                        d.getString("orderId"),
                        d.getString("paymentReference"),
                        d.getString("reference"),
                        d.getLong("ledgerMinor"),
                        d.getLong("gatewayMinor"),
                        d.getString("currency")))
                .toList();
        List<OrderFollowUp> followUps = document.getList("followUps", Document.class, List.of()).stream()
                .map(f -> new OrderFollowUp(
                        f.getString("orderId"),
                        OrderFollowUp.Action.valueOf(f.getString("action")),
                        f.getString("detail"),
                        f.getBoolean("repeated", false)))
                .toList();
        List<UncheckedPayment> unchecked = document.getList("unchecked", Document.class, List.of()).stream()
                .map(u -> new UncheckedPayment(
                        u.getString("provider"),
                        u.getString("orderId"),
                        u.getString("paymentReference"),
                        u.getString("reason")))
                .toList();
        return ReconciliationReport.of(
                LocalDate.parse(document.getString("_id")),
                document.getDate("ranAt").toInstant(),
                document.getInteger("paymentsChecked", 0),
                document.getInteger("capturesChecked", 0),
                document.getInteger("refundsChecked", 0),
                differences,
                followUps,
                unchecked);
    }
}
