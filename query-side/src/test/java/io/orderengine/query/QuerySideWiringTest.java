package io.orderengine.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.customer.CustomerStatsProjection;
import io.orderengine.query.metrics.OrderMetricsProjection;
import io.orderengine.query.order.AdminOrderList;
import io.orderengine.query.order.CustomerOrderHistory;
import io.orderengine.query.order.OrderDetailProjection;
import io.orderengine.query.sku.SkuStockProjection;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** The module's components come up from a component scan with only the beans the api provides. */
@ExtendWith(EmbeddedMongo.class)
class QuerySideWiringTest {

    @Test
    void startsEveryReadModelFromAComponentScanAndCreatesTheirIndexes(MongoDatabase database) {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(MongoDatabase.class, () -> database);
            context.registerBean(
                    QueryUpdateEmitter.class,
                    () -> SimpleQueryUpdateEmitter.builder().build());
            context.scan("io.orderengine.query");
            context.refresh();

            assertThat(context.getBeansOfType(OrderDetailProjection.class)).hasSize(1);
            assertThat(context.getBeansOfType(SkuStockProjection.class)).hasSize(1);
            assertThat(context.getBeansOfType(CustomerOrderHistory.class)).hasSize(1);
            assertThat(context.getBeansOfType(AdminOrderList.class)).hasSize(1);
            assertThat(context.getBeansOfType(CustomerStatsProjection.class)).hasSize(1);
            assertThat(context.getBeansOfType(OrderMetricsProjection.class)).hasSize(1);
        }
        // The embedded server keeps only unique indexes; the order number one proves start-up ran.
        List<Document> indexes =
                database.getCollection("order_details").listIndexes().into(new ArrayList<>());
        assertThat(indexes)
                .anySatisfy(
                        index -> assertThat(index.get("key", Document.class)).containsEntry("orderNumber", 1));
    }

    @Test
    void namesTheProcessingGroups() {
        assertThat(List.of(
                        OrderDetailProjection.class,
                        SkuStockProjection.class,
                        CustomerStatsProjection.class,
                        OrderMetricsProjection.class))
                .extracting(type -> type.getAnnotation(ProcessingGroup.class).value())
                .containsExactly("order-detail", "sku-stock", "customer-stats", "order-metrics");
    }
}
