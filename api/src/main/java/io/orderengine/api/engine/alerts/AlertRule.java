package io.orderengine.api.engine.alerts;

/**
 * The rules the engine evaluates on a schedule ({@link AlertEvaluator}); each one's name is the alert's {@code rule}
 * in e-mails, webhooks and {@code GET /api/v1/admin/alerts}, and {@link #message()} says it in words.
 */
public enum AlertRule {
    /** Today's (UTC) payments: fewer than 80 % of attempts succeeded (the dashboard's rule). */
    PAYMENT_SUCCESS_RATE_BELOW_80_PERCENT("Fewer than 80 % of today's payments succeeded."),
    /** Today's (UTC) confirmed orders took more than 60 s on average from placement (the dashboard's rule). */
    TIME_TO_CONFIRM_ABOVE_60_SECONDS("Orders take longer than a minute on average to be confirmed today."),
    /** An event processor is in error, or further behind than the readiness check allows for longer than its grace. */
    PROCESSOR_STALLED("An event processor is stalled: it stopped after an error or keeps falling behind."),
    /** A processor's dead-letter queue holds events it could not handle. */
    DEAD_LETTERS_PRESENT("Events wait in a dead-letter queue (for now: e-mails that could not be sent)."),
    /** The latest reconciliation report found differences between the payment ledger and the gateways. */
    RECONCILIATION_DIFFERENCES("The latest payment reconciliation found differences with the gateways."),
    /** Active SKUs are at or below their low-stock threshold. */
    LOW_STOCK("Products are at or below their low-stock threshold.");

    private final String message;

    AlertRule(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
