package io.orderengine.saga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.messages.common.OrderId;
import org.junit.jupiter.api.Test;

class IdempotencyKeysTest {

    private static final OrderId ORDER = new OrderId("3f2b8c1e-5a4d-4e7f-9b6a-1c2d3e4f5a6b");

    @Test
    void theFirstAttemptKeepsTheKeysPaymentsWereMadeWithBeforeAttemptsWereCounted() {
        assertThat(IdempotencyKeys.authorize(ORDER, 1)).isEqualTo(IdempotencyKeys.authorize(ORDER));
        assertThat(IdempotencyKeys.authorize(ORDER)).isEqualTo(ORDER.value() + ":authorize");
        assertThat(IdempotencyKeys.capture(ORDER, 1)).isEqualTo(ORDER.value() + ":capture");
        assertThat(IdempotencyKeys.cancel(ORDER, 1)).isEqualTo(ORDER.value() + ":cancel");
    }

    @Test
    void everyLaterAttemptHasKeysOfItsOwn() {
        assertThat(IdempotencyKeys.authorize(ORDER, 2)).isEqualTo(ORDER.value() + ":authorize:2");
        assertThat(IdempotencyKeys.capture(ORDER, 3)).isEqualTo(ORDER.value() + ":capture:3");
        assertThat(IdempotencyKeys.cancel(ORDER, 2)).isEqualTo(ORDER.value() + ":cancel:2");
        // PayPal's authorization before a capture adds ":authorize" to the capture key: still within 108 characters
        assertThat(IdempotencyKeys.capture(ORDER, 99) + ":authorize").hasSizeLessThanOrEqualTo(108);
    }

    @Test
    void thePaymentOfTheNewTotalOfAnUnpaidOrdersEditNamesTheEditAndFitsTheGatewaysLimit() {
        String editId = "ed-" + java.util.UUID.randomUUID();
        assertThat(IdempotencyKeys.authorize(ORDER, 1, "ed-1")).isEqualTo(ORDER.value() + ":authorize:for-ed-1");
        assertThat(IdempotencyKeys.capture(ORDER, 2, "ed-1")).isEqualTo(ORDER.value() + ":capture:2:for-ed-1");
        assertThat(IdempotencyKeys.cancel(ORDER, 1, null)).isEqualTo(IdempotencyKeys.cancel(ORDER, 1));
        // the longest edit id the API makes, at the last attempt, with PayPal's ":authorize" after a capture key
        assertThat(IdempotencyKeys.capture(ORDER, 99, editId) + ":authorize").hasSizeLessThanOrEqualTo(108);
        assertThatThrownBy(() -> IdempotencyKeys.authorize(ORDER, 1, "ed-" + "x".repeat(80)))
                .isInstanceOf(IllegalArgumentException.class);
        // a replaced payment cancelled again has a key of its own
        assertThat(IdempotencyKeys.cancelReplaced(ORDER, "pi_1"))
                .startsWith(ORDER.value() + ":cancel:via-")
                .isNotEqualTo(IdempotencyKeys.cancelReplaced(ORDER, "pi_2"));
    }

    @Test
    void theStepsOfAnEditsBalanceNameTheEditAndFitTheGatewaysLimit() {
        String editId = "ed-" + java.util.UUID.randomUUID();
        assertThat(IdempotencyKeys.balance(ORDER, "ed-1", "authorize"))
                .isEqualTo(ORDER.value() + ":balance:ed-1:authorize");
        // the longest edit id the API makes, with PayPal's ":authorize" after a capture key
        assertThat(IdempotencyKeys.balance(ORDER, editId, "capture") + ":authorize")
                .hasSizeLessThanOrEqualTo(108);
        assertThatThrownBy(() -> IdempotencyKeys.balance(ORDER, "ed-" + "x".repeat(80), "capture"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachPaymentARefundIsSplitAcrossHasAKeyNamingItThatStillGivesBackTheRefundId() {
        String refundId = "rf-ed-" + java.util.UUID.randomUUID();
        String viaBalance = IdempotencyKeys.refund(ORDER, refundId, "pi_3NxBalancePaymentIntent0001");

        assertThat(viaBalance)
                .startsWith(IdempotencyKeys.refund(ORDER, refundId) + ":via-")
                .isNotEqualTo(IdempotencyKeys.refund(ORDER, refundId, "pi_3NxOtherPaymentIntent00002"))
                .hasSizeLessThanOrEqualTo(108);
        assertThat(IdempotencyKeys.refundIdOf(viaBalance)).isEqualTo(refundId);
        assertThat(IdempotencyKeys.refundIdOf(IdempotencyKeys.refund(ORDER, refundId)))
                .isEqualTo(refundId);
    }

    @Test
    void refusesAnAttemptBeforeTheFirst() {
        assertThatThrownBy(() -> IdempotencyKeys.authorize(ORDER, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
