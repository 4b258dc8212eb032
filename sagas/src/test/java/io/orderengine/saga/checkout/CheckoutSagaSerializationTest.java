package io.orderengine.saga.checkout;

import static io.orderengine.testkit.OrderFixtures.MUG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.orderengine.messages.order.PaymentMethod;
import io.orderengine.messages.order.ShortSku;
import io.orderengine.testkit.OrderFixtures;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

class CheckoutSagaSerializationTest {

    @Test
    void theSagaSurvivesARoundTripThroughAPlainJacksonSerializer() {
        assertRoundTrip(JacksonSerializer.defaultSerializer());
    }

    @Test
    void theSagaSurvivesARoundTripThroughAFieldVisibilityJacksonSerializerAsTheEngineUsesForSagas() {
        ObjectMapper fieldsOnly = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
        assertRoundTrip(JacksonSerializer.builder().objectMapper(fieldsOnly).build());
    }

    private static void assertRoundTrip(JacksonSerializer serializer) {
        CheckoutProgress progress = new CheckoutProgress();
        progress.orderId = OrderFixtures.ORDER_ID.value();
        progress.provider = PaymentMethod.STRIPE;
        progress.totalMinor = 6750;
        progress.currency = "EUR";
        progress.quantities.put("TSHIRT-RED-M", 2);
        progress.reserved.add("TSHIRT-RED-M");
        progress.shortSkus.add(new ShortSku(MUG, 1, 0));
        progress.stage = CheckoutProgress.Stage.CAPTURING;
        progress.paymentReference = "pi_123";
        progress.failedStep = CheckoutProgress.FailedStep.CAPTURE;
        progress.pendingRefunds.add(new CheckoutProgress.PendingRefund("r-1", 100, "EUR"));
        CheckoutSaga saga = new CheckoutSaga();
        saga.setProgress(progress);

        SerializedObject<String> json = serializer.serialize(saga, String.class);
        CheckoutSaga restored = serializer.deserialize(json);

        assertThat(json.getData()).doesNotContain("commandGateway", "paymentGateways");
        assertThat(restored.getProgress()).usingRecursiveComparison().isEqualTo(progress);
    }
}
