package io.orderengine.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One document updated again and again with no other write in between, as a saga's associations are: after every
 * update the index finds the document by what it now holds and no longer by what it held before.
 */
class SequentialUpdatesIndexTest {

    @TempDir
    Path folder;

    @Test
    void anIndexFollowsEveryUpdateOfTheSameDocument() {
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(folder.resolve("updates.mv"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> sagas = client.getDatabase("updates").getCollection("sagas");
            sagas.createIndex(Indexes.ascending("associations"));
            sagas.createIndex(Indexes.ascending("stage"));
            sagas.insertOne(new Document("_id", "saga-1")
                    .append("stage", "placed")
                    .append("associations", List.of(new Document("key", "orderId").append("value", "o-1"))));
            for (int i = 1; i <= 5; i++) {
                Document association = new Document("key", "paymentReference").append("value", "p-" + i);
                sagas.updateOne(
                        Filters.eq("_id", "saga-1"),
                        Updates.combine(Updates.push("associations", association), Updates.set("stage", "s" + i)));
                assertThat(sagas.find(Filters.eq("associations", association)).first())
                        .as("found by the association added by update %d", i)
                        .isNotNull();
                assertThat(sagas.find(Filters.eq("stage", "s" + i)).first())
                        .as("found by the stage set by update %d", i)
                        .isNotNull();
                assertThat(sagas.countDocuments(Filters.eq("stage", "s" + (i - 1))))
                        .as("no longer found by the stage before update %d", i)
                        .isZero();
                sagas.findOneAndUpdate(Filters.eq("_id", "saga-1"), Updates.set("stage", "t" + i));
                assertThat(sagas.find(Filters.eq("stage", "t" + i)).first())
                        .as("found by the stage set by findOneAndUpdate %d", i)
                        .isNotNull();
                sagas.updateOne(Filters.eq("_id", "saga-1"), Updates.set("stage", "s" + i));
            }
            sagas.replaceOne(
                    Filters.eq("_id", "saga-1"),
                    new Document("stage", "replaced")
                            .append("associations", List.of(new Document("key", "orderId").append("value", "o-2"))));
            assertThat(sagas.find(Filters.eq("associations", new Document("key", "orderId").append("value", "o-2")))
                            .first())
                    .isNotNull();
            assertThat(sagas.countDocuments(
                            Filters.eq("associations", new Document("key", "orderId").append("value", "o-1"))))
                    .isZero();
        }
    }
}
