package io.orderengine.outbound.alerts;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The state of every alert rule, in the collection {@value #COLLECTION} ({@code _id} = the rule), and the evaluator's
 * lease ({@value #LEASES}). A rule moves from cleared to raised and back only by a compare-and-set on its stored
 * state, so an episode is raised once and cleared once whoever evaluates: after a restart the stored state is
 * where evaluation goes on, and of two evaluators racing only one wins each transition (and notifies).
 */
@Component
public class AlertStates {

    public static final String COLLECTION = "alerts";
    public static final String LEASES = "alert_evaluator";

    private static final String STATE = "state";
    private static final String LEASE_ID = "evaluator";

    private final MongoCollection<Document> alerts;
    private final MongoCollection<Document> leases;

    public AlertStates(MongoDatabase database) {
        this.alerts = database.getCollection(COLLECTION);
        this.leases = database.getCollection(LEASES);
        // created at start, so that the first evaluation or admin read does not create it
        alerts.createIndex(Indexes.ascending(STATE), new IndexOptions().name("byState"));
    }

    /**
     * Raises {@code rule} unless it is raised already; the new episode when this call raised it, empty otherwise
     * (its detail is then brought up to date).
     */
    public Optional<Alert> raise(String rule, String detail, Instant now) {
        known(rule);
        String episode = UUID.randomUUID().toString();
        long changed = alerts.updateOne(
                        Filters.and(Filters.eq("_id", rule), Filters.ne(STATE, Alert.State.RAISED.name())),
                        Updates.combine(
                                Updates.set(STATE, Alert.State.RAISED.name()),
                                Updates.set("episode", episode),
                                Updates.set("since", Date.from(now)),
                                Updates.set("clearedAt", null),
                                Updates.set("detail", detail)))
                .getModifiedCount();
        if (changed == 1) {
            return Optional.of(new Alert(rule, Alert.State.RAISED, episode, now, null, detail));
        }
        alerts.updateOne(
                Filters.and(
                        Filters.eq("_id", rule),
                        Filters.eq(STATE, Alert.State.RAISED.name()),
                        Filters.ne("detail", detail)),
                Updates.set("detail", detail));
        return Optional.empty();
    }

    /** Clears {@code rule} if it is raised; the ended episode when this call cleared it, empty otherwise. */
    public Optional<Alert> clear(String rule, Instant now) {
        Document before = alerts.findOneAndUpdate(
                Filters.and(Filters.eq("_id", rule), Filters.eq(STATE, Alert.State.RAISED.name())),
                Updates.combine(
                        Updates.set(STATE, Alert.State.CLEARED.name()), Updates.set("clearedAt", Date.from(now))));
        if (before == null) {
            return Optional.empty();
        }
        Alert raised = alert(before);
        return Optional.of(
                new Alert(rule, Alert.State.CLEARED, raised.episode(), raised.since(), now, raised.detail()));
    }

    /** Every rule that was ever raised, raised ones first, then by start (latest first). */
    public List<Alert> all() {
        List<Alert> all = new ArrayList<>();
        alerts.find(Filters.exists("episode")).forEach(document -> all.add(alert(document)));
        all.sort((a, b) ->
                a.raised() != b.raised() ? a.raised() ? -1 : 1 : b.since().compareTo(a.since()));
        return all;
    }

    /**
     * Takes or renews the evaluator's lease for {@code instance}: true while it holds it. Another instance gets it
     * only after the holder let it run out ({@code lease} after its last renewal).
     */
    public boolean lead(String instance, Instant now, Duration lease) {
        try {
            leases.updateOne(
                    Filters.eq("_id", LEASE_ID),
                    Updates.setOnInsert("until", new Date(0)),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return leases.updateOne(
                                Filters.and(
                                        Filters.eq("_id", LEASE_ID),
                                        Filters.or(Filters.eq("owner", instance), Filters.lt("until", Date.from(now)))),
                                Updates.combine(
                                        Updates.set("owner", instance),
                                        Updates.set("until", Date.from(now.plus(lease)))))
                        .getMatchedCount()
                == 1;
    }

    /** Gives the lease up (at shutdown), so another instance takes over at once. */
    public void resign(String instance) {
        leases.updateOne(
                Filters.and(Filters.eq("_id", LEASE_ID), Filters.eq("owner", instance)),
                Updates.set("until", new Date(0)));
    }

    private void known(String rule) {
        try {
            alerts.updateOne(
                    Filters.eq("_id", rule),
                    Updates.setOnInsert(STATE, Alert.State.CLEARED.name()),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // two evaluators inserting the same rule at once: the other one's document is as good
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static Alert alert(Document document) {
        Date since = document.getDate("since");
        Date cleared = document.getDate("clearedAt");
        return new Alert(
                document.getString("_id"),
                Alert.State.valueOf(document.getString(STATE)),
                document.getString("episode"),
                since == null ? null : since.toInstant(),
                cleared == null ? null : cleared.toInstant(),
                document.getString("detail"));
    }
}
