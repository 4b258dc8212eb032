package io.orderengine.query.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedMongo.class)
class GuardedCountersTest {

    private GuardedCounters counters;

    @BeforeEach
    void setUp(MongoDatabase database) {
        counters = new GuardedCounters(database.getCollection("counters"));
    }

    private long count(String id) {
        Document document = counters.collection().find(Filters.eq("_id", id)).first();
        return document == null ? 0 : MongoValues.longValue(document, "n");
    }

    @Test
    void createsTheCounterDocumentOnFirstUse() {
        assertThat(counters.apply("2025-03-14", "order-a", 0, Updates.inc("n", 1)))
                .isTrue();

        assertThat(count("2025-03-14")).isEqualTo(1);
    }

    @Test
    void countsEachEventOfAnAggregateOnce() {
        counters.apply("day", "order-a", 0, Updates.inc("n", 1));
        counters.apply("day", "order-a", 3, Updates.inc("n", 1));

        assertThat(counters.apply("day", "order-a", 3, Updates.inc("n", 1))).isFalse();
        assertThat(counters.apply("day", "order-a", 1, Updates.inc("n", 1))).isFalse();
        assertThat(count("day")).isEqualTo(2);
    }

    @Test
    void guardsEachAggregateSeparately() {
        counters.apply("day", "order-a", 5, Updates.inc("n", 1));

        assertThat(counters.apply("day", "order-b", 0, Updates.inc("n", 1))).isTrue();
        assertThat(counters.apply("other-day", "order-a", 5, Updates.inc("n", 1)))
                .isTrue();
        assertThat(count("day")).isEqualTo(2);
        assertThat(count("other-day")).isEqualTo(1);
    }
}
