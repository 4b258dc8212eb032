package io.orderengine.outbound.invoice;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * {@link InvoiceNumbers} in MongoDB. A number is claimed by inserting {@code invoice_numbers/<series>/<year>/<n>}
 * under a unique {@code _id}, carrying the order id under a unique index: the insert is the one atomic step. A caller
 * only tries {@code n} after seeing {@code n - 1} claimed (from the counter, which is raised after each claim, or
 * from losing the race for {@code n - 1}), so the claimed numbers are always 1…N without a gap, even on the embedded
 * store whose {@code findOneAndUpdate $inc} can hand one value to two callers ({@code OrderNumberAllocator} skips
 * numbers; invoices must not). Two callers for one order: the second insert breaks the order-id index and the caller
 * returns the first one's number.
 */
@Component
public class MongoInvoiceNumbers implements InvoiceNumbers {

    static final String CLAIMS = "invoice_numbers";
    static final String COUNTERS = "invoice_number_counters";
    private static final int MAX_ATTEMPTS = 10_000;

    private final MongoCollection<Document> claims;
    private final MongoCollection<Document> counters;

    public MongoInvoiceNumbers(MongoDatabase database) {
        this.claims = database.getCollection(CLAIMS);
        this.counters = database.getCollection(COUNTERS);
    }

    @PostConstruct
    void createIndexes() {
        claims.createIndex(
                Indexes.ascending("orderId"), new IndexOptions().unique(true).name("orderId"));
    }

    @Override
    public long numberFor(String orderId, String series, int year) {
        Long existing = existing(orderId);
        if (existing != null) {
            return existing;
        }
        String key = series + "/" + year;
        long candidate = last(key) + 1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try {
                claims.insertOne(new Document("_id", key + "/" + candidate)
                        .append("series", series)
                        .append("year", year)
                        .append("seq", candidate)
                        .append("orderId", orderId));
                raise(key, candidate);
                return candidate;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                existing = existing(orderId);
                if (existing != null) {
                    return existing;
                }
                candidate++;
            }
        }
        throw new IllegalStateException(
                "could not claim an invoice number of " + key + " after " + MAX_ATTEMPTS + " attempts");
    }

    /** Lets the counter show {@code claimed}; only a hint for where to start, the claims are the truth. */
    private void raise(String key, long claimed) {
        for (int attempt = 0; ; attempt++) {
            try {
                counters.updateOne(eq("_id", key), Updates.max("seq", claimed), new UpdateOptions().upsert(true));
                return;
            } catch (MongoWriteException e) {
                // two first upserts of one counter race; the loser's retry finds the document
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private Long existing(String orderId) {
        Document claim = claims.find(eq("orderId", orderId)).first();
        return claim == null ? null : ((Number) claim.get("seq")).longValue();
    }

    private long last(String key) {
        Document counter = counters.find(eq("_id", key)).first();
        return counter == null ? 0 : ((Number) counter.get("seq")).longValue();
    }
}
