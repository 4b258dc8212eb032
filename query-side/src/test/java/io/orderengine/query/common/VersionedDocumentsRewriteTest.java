package io.orderengine.query.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.messages.privacy.PersonalData;
import io.orderengine.testkit.InMemoryMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A rewrite that is no event of the document's own (an erasure, handled in another segment than the order's events)
 * is never undone by an event's write of a copy read before it: that write fails and is tried again on the rewritten
 * document.
 */
class VersionedDocumentsRewriteTest {

    private static InMemoryMongo mongo;

    @BeforeAll
    static void start() {
        mongo = InMemoryMongo.start();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void anEventWrittenOverAStaleCopyCannotUndoAnErasure() {
        VersionedDocuments documents = new VersionedDocuments(mongo.database().getCollection("rewrites"));
        documents.create("order-1", 0, new Document("email", "nira@example.com").append("status", "PENDING"));
        Document staleCopy = documents.find("order-1");

        documents.rewrite(documents.find("order-1"), order -> order.put("email", PersonalData.ERASED));

        assertThatThrownBy(() -> documents.update(staleCopy, 1, order -> order.put("status", "CONFIRMED")))
                .isInstanceOf(IllegalStateException.class);
        Document retried = documents.update("order-1", 1, order -> order.put("status", "CONFIRMED"));
        assertThat(retried.getString("email")).isEqualTo(PersonalData.ERASED);
        assertThat(documents.find("order-1").getString("status")).isEqualTo("CONFIRMED");
        assertThat(documents.find("order-1").getString("email")).isEqualTo(PersonalData.ERASED);
    }
}
