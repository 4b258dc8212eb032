package io.orderengine.infrastructure.inspection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.orderengine.infrastructure.deadline.MongoDeadlineManager;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** The deadlines {@link MongoDeadlineManager} has scheduled and not yet delivered, as its collection holds them. */
@Component
public class ScheduledDeadlines {

    private final MongoCollection<Document> deadlines;

    public ScheduledDeadlines(MongoDatabase database) {
        this.deadlines = database.getCollection(MongoDeadlineManager.COLLECTION);
    }

    /**
     * A scheduled deadline: when it is due, how many deliveries were tried, whether the manager parked it after
     * failing to deliver it, and the last delivery's error.
     */
    public record ScheduledDeadline(String id, Instant triggerAt, int attempts, boolean parked, String lastError) {}

    /** The deadlines with these ids that are still scheduled, by id (one query, {@code $in} on the unique _id). */
    public Map<String, ScheduledDeadline> byIds(Collection<String> ids) {
        Map<String, ScheduledDeadline> byId = new HashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        for (Document deadline : deadlines.find(Filters.in("_id", ids))) {
            Date at = deadline.getDate("triggerAt");
            String id = deadline.getString("_id");
            byId.put(
                    id,
                    new ScheduledDeadline(
                            id,
                            at == null ? null : at.toInstant(),
                            deadline.getInteger("attempts", 0),
                            Boolean.TRUE.equals(deadline.getBoolean("parked")),
                            deadline.getString("lastError")));
        }
        return byId;
    }
}
