package io.orderengine.infrastructure.sequence;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.orderengine.messages.common.OrderNumber;
import java.time.LocalDate;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Allocates order numbers {@code ORD-YYYYMMDD-NNNNNN}, unique and sequential per day across threads and engine
 * instances: a counter document per day is bumped with {@code findOneAndUpdate $inc}, and the number it yields is
 * then claimed with an insert under a unique {@code _id}. The claim is what guarantees uniqueness, whatever the
 * store's findOneAndUpdate answers (the embedded store once handed the same value to concurrent callers; it no longer
 * does, docs/scaling.md): a number claimed twice is simply skipped. A number allocated for a checkout that then fails
 * is skipped too, never reused.
 */
@Component
public class OrderNumberAllocator {

    private static final int MAX_ATTEMPTS = 100;

    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> claimed;

    public OrderNumberAllocator(MongoDatabase database) {
        this.counters = database.getCollection("order_number_counters");
        this.claimed = database.getCollection("order_numbers");
    }

    public OrderNumber next(LocalDate day) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Document counter = counters.findOneAndUpdate(
                    eq("_id", day.toString()),
                    Updates.inc("seq", 1L),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
            OrderNumber number = OrderNumber.of(day, ((Number) counter.get("seq")).longValue());
            try {
                claimed.insertOne(new Document("_id", number.value()));
                return number;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        throw new IllegalStateException(
                "could not allocate an order number for " + day + " after " + MAX_ATTEMPTS + " attempts");
    }
}
