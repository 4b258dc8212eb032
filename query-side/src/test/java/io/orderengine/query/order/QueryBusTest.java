package io.orderengine.query.order;

import static io.orderengine.testkit.OrderFixtures.aPlacedOrder;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.common.OrderId;
import io.orderengine.messages.query.FindCustomerOrdersQuery;
import io.orderengine.messages.query.FindOrderQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.messages.query.VerifyGuestTokenQuery;
import io.orderengine.query.common.EmbeddedMongo;
import io.orderengine.query.common.EventFeed;
import io.orderengine.query.common.OrderStory;
import io.orderengine.query.common.Page;
import io.orderengine.query.projection.ProjectionCollections;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The api asks through Axon's query gateway; the answers must come back with the types it asks for. */
@ExtendWith(EmbeddedMongo.class)
class QueryBusTest {

    private QueryGateway gateway;
    private EventFeed feed;

    @BeforeEach
    void setUp(MongoDatabase database) {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        OrderDetailProjection detail = new OrderDetailProjection(
                new ProjectionCollections(database),
                SimpleQueryUpdateEmitter.builder().build());
        new AnnotationQueryHandlerAdapter<>(detail).subscribe(bus);
        new AnnotationQueryHandlerAdapter<>(new CustomerOrderHistory(new ProjectionCollections(database)))
                .subscribe(bus);
        gateway = DefaultQueryGateway.builder().queryBus(bus).build();
        feed = new EventFeed(detail);
    }

    @Test
    void answersTheOrderViewAndNullForAnUnknownOrder() {
        OrderStory story = OrderStory.place(feed, aPlacedOrder().build());

        assertThat(gateway.query(new FindOrderQuery(story.id()), OrderView.class)
                        .join()
                        .orderId())
                .isEqualTo(story.id().value());
        assertThat(gateway.query(new FindOrderQuery(OrderId.random()), OrderView.class)
                        .join())
                .isNull();
    }

    @Test
    void answersPagesToTheirOwnTypeAndToThePageInterface() {
        OrderStory.place(feed, aPlacedOrder().build());
        FindCustomerOrdersQuery query = new FindCustomerOrdersQuery("alice", null, PageRequest.first(10));

        OrderSummaryPage page = gateway.query(query, OrderSummaryPage.class).join();
        Page<?> anyPage =
                gateway.query(query, ResponseTypes.instanceOf(Page.class)).join();

        assertThat(page.total()).isEqualTo(1);
        assertThat(page.items()).singleElement().isInstanceOf(OrderSummaryView.class);
        assertThat(anyPage).isEqualTo(page);
    }

    @Test
    void answersTheGuestTokenCheck() {
        OrderStory story = OrderStory.place(
                feed, aPlacedOrder().byGuest("bob@example.com", "beef").build());

        assertThat(gateway.query(new VerifyGuestTokenQuery(story.id(), "beef"), Boolean.class)
                        .join())
                .isTrue();
        assertThat(gateway.query(new VerifyGuestTokenQuery(story.id(), "dead"), Boolean.class)
                        .join())
                .isFalse();
    }
}
