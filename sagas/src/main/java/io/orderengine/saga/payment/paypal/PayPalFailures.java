package io.orderengine.saga.payment.paypal;

import com.paypal.http.exceptions.HttpException;
import io.orderengine.saga.payment.PaymentGatewayException;

/** What a PayPal error answer means for the engine: 5xx and 429 may pass, a refused instrument is a decline, the rest a rejection. */
final class PayPalFailures {

    private PayPalFailures() {}

    static PaymentGatewayException translate(HttpException e) {
        int status = e.statusCode();
        String message = "paypal answered " + status + ": " + e.getMessage();
        if (status >= 500 || status == 429 || status == 408 || status == 409) {
            return PaymentGatewayException.transientFailure(message, e);
        }
        String body = e.getMessage() == null ? "" : e.getMessage();
        if (status == 422
                && (body.contains("INSTRUMENT_DECLINED")
                        || body.contains("PAYER_CANNOT_PAY")
                        || body.contains("DECLINED"))) {
            return PaymentGatewayException.declined(message);
        }
        if (status == 401) {
            return PaymentGatewayException.transientFailure(message, e);
        }
        return PaymentGatewayException.rejected(message, e);
    }
}
