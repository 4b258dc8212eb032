package io.orderengine.api.checkout;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.orderengine.messages.common.OrderNumber;
import java.time.LocalDate;
import org.bson.Document;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.eq;

/**
 * Allocates order numbers {@code ORD-YYYYMMDD-NNNNNN}: one counter document per day ({@code _id} = the day), bumped
 * with a single atomic {@code findOneAndUpdate $inc} upsert, so numbers are unique and sequential per day across
 * threads and engine instances. A number allocated for a checkout that then fails is skipped, never reused.
 */
@Component
public class OrderNumberAllocator {

    private final MongoCollection<Document> counters;

    public OrderNumberAllocator(MongoDatabase database) {
        this.counters = database.getCollection("order_number_counters");
    }

    public OrderNumber next(LocalDate day) {
        Document counter = counters.findOneAndUpdate(eq("_id", day.toString()), Updates.inc("seq", 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return OrderNumber.of(day, ((Number) counter.get("seq")).longValue());
    }
}
