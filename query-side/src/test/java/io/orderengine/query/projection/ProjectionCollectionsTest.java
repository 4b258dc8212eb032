package io.orderengine.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.orderengine.query.common.EmbeddedMongo;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedMongo.class)
class ProjectionCollectionsTest {

    @Test
    void namesGenerationZeroByTheBaseNameAndLaterOnesWithASuffix() {
        assertThat(ProjectionCollections.collectionName("order_details", 0)).isEqualTo("order_details");
        assertThat(ProjectionCollections.collectionName("order_details", 3)).isEqualTo("order_details_v3");
        assertThatThrownBy(() -> ProjectionCollections.collectionName("order_details", -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void servesGenerationZeroUntilAnotherIsActivated(MongoDatabase database) {
        ProjectionCollections collections = new ProjectionCollections(database);
        ProjectionTarget live = collections.live("order-detail");
        ProjectionTarget fixed = collections.generation("order-detail", 0);

        assertThat(live.name("order_details")).isEqualTo("order_details");
        collections.activate("order-detail", 2);

        assertThat(live.generation()).isEqualTo(2);
        assertThat(live.collection("order_details").getNamespace().getCollectionName())
                .isEqualTo("order_details_v2");
        assertThat(fixed.name("order_details")).isEqualTo("order_details");
        assertThat(collections.live("sku-stock").name("sku_stock")).isEqualTo("sku_stock");
    }

    @Test
    void keepsTheActivatedGenerationForAnotherInstance(MongoDatabase database) {
        new ProjectionCollections(database).activate("order-metrics", 4);

        assertThat(new ProjectionCollections(database).activeGeneration("order-metrics"))
                .isEqualTo(4);
    }

    @Test
    void dropsTheCollectionsOfInactiveGenerationsOnly(MongoDatabase database) {
        ProjectionCollections collections = new ProjectionCollections(database);
        for (String name : List.of(
                "order_details",
                "order_details_v1",
                "order_details_archive_v1",
                "order_details_v2",
                "order_details_archive_v2",
                "order_details_extra",
                "sku_stock_v1")) {
            database.getCollection(name).insertOne(new Document("_id", "x"));
        }
        collections.activate("order-detail", 1);

        List<String> dropped =
                collections.dropInactive("order-detail", List.of("order_details", "order_details_archive"));

        assertThat(dropped).containsExactlyInAnyOrder("order_details", "order_details_v2", "order_details_archive_v2");
        assertThat(database.listCollectionNames().into(new ArrayList<>()))
                .contains("order_details_v1", "order_details_archive_v1", "order_details_extra", "sku_stock_v1");
    }
}
