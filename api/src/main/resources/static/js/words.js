// The words people read for the codes the API speaks in: order and payment statuses, event types of the audit
// trail, dashboard alerts, status-history notes, checkout stages, country codes and durations. The API keeps its
// codes; every page turns them into words here, and a code this file does not know is still shown as words
// (PAYMENT_SUCCESS_RATE → "Payment success rate", OrderPlacedEvent → "Order placed"), never as the code.

/** Words for an order status, for shoppers and admins alike. */
export const STATUS_WORDS = {
    PENDING: 'Placed — reserving stock',
    AWAITING_PAYMENT: 'Awaiting payment',
    CONFIRMED: 'Confirmed',
    PROCESSING: 'Processing',
    PARTIALLY_SHIPPED: 'Partly shipped',
    PARTIALLY_RETURNED: 'Partly returned',
    SHIPPED: 'Shipped',
    DELIVERED: 'Delivered',
    REJECTED: 'Rejected — out of stock',
    CANCELLED: 'Cancelled',
    RETURNED: 'Returned',
    ATTENTION: 'Needs attention',
};

/** Words for a payment status. */
export const PAYMENT_WORDS = {
    PENDING: 'Not paid yet',
    AUTHORIZED: 'Authorized',
    PAID: 'Paid',
    FAILED: 'Failed',
    PARTIALLY_REFUNDED: 'Partly refunded',
    PARTIALLY_PAID: 'Balance due',
    REFUNDED: 'Refunded',
};

/** Words for the events of the audit trail (by the event class's simple name). */
export const EVENT_WORDS = {
    OrderPlacedEvent: 'Order placed',
    OrderAwaitingPaymentEvent: 'Stock reserved, awaiting payment',
    OrderConfirmedEvent: 'Paid and confirmed',
    OrderProcessingStartedEvent: 'Processing started',
    OrderPartiallyShippedEvent: 'Partly shipped',
    OrderShippedEvent: 'Shipped',
    ShipmentCreatedEvent: 'Parcel shipped',
    ShipmentDeliveredEvent: 'Parcel delivered',
    ReturnRequestedEvent: 'Return asked for',
    ReturnReceivedEvent: 'Return received',
    ReturnRejectedEvent: 'Return rejected',
    ReturnRefundedEvent: 'Return refunded',
    OrderPartiallyReturnedEvent: 'Partly returned',
    OrderDeliveredEvent: 'Delivered',
    OrderCancelledEvent: 'Cancelled',
    OrderRejectedEvent: 'Rejected — out of stock',
    OrderReturnedEvent: 'Returned',
    OrderFlaggedForAttentionEvent: 'Flagged for attention',
    OrderResumedEvent: 'Resumed',
    AdminNoteAddedEvent: 'Note added',
    CheckoutCompensationRequestedEvent: 'Checkout undo requested',
    CheckoutRetryRequestedEvent: 'Checkout retry requested',
    PaymentAuthorizedEvent: 'Payment authorized',
    PaymentCapturedEvent: 'Payment captured',
    PaymentFailedEvent: 'Payment failed',
    PaymentAttemptStartedEvent: 'Another payment attempt started',
    PaymentRefundedEvent: 'Refunded',
    RefundRequestedEvent: 'Refund requested',
    EditBalanceRequestedEvent: 'Edit balance asked for',
    EditBalanceAwaitingPaymentEvent: 'Edit balance payable',
    EditBalanceAuthorizedEvent: 'Edit balance authorized',
    EditBalancePaidEvent: 'Edit balance paid',
    EditBalancePaidLateEvent: 'Edit balance paid late (refunded)',
    OrderEditRolledBackEvent: 'Edit rolled back',
    OrderEditedEvent: 'Order changed',
    OrderStockAdjustedEvent: 'Stock changed for an edit',
    ReplacedPaymentAuthorizedEvent: 'Paid through a replaced link (cancelled, not taken)',
    DataSubjectErasedEvent: 'Personal data erased',
    DiscountCreatedEvent: 'Discount code created',
    DiscountChangedEvent: 'Discount code changed',
    DiscountUseReservedEvent: 'Discount code held for an order',
    DiscountUseConfirmedEvent: 'Discount code used',
    DiscountUseReleasedEvent: 'Discount code given back',
    EditStockHeldEvent: 'Stock held for an edit',
    EditStockHoldReleasedEvent: 'Stock held for an edit given back',
    StockReservedEvent: 'Stock reserved',
    StockReservationRejectedEvent: 'Stock not available',
    StockReleasedEvent: 'Stock released',
    StockCommittedEvent: 'Stock taken from the shelf',
    StockRestockedEvent: 'Stock put back',
    ReturnedUnitsRestockedEvent: 'Returned units put back',
    StockReceivedEvent: 'Stock received',
    StockAdjustedEvent: 'Stock adjusted',
    OrderStockChangeVoidedEvent: 'Stock change of a failed edit voided',
    LowStockReachedEvent: 'Low on stock',
    SkuRegisteredEvent: 'SKU registered',
    SkuPriceChangedEvent: 'Price changed',
    SkuDetailsUpdatedEvent: 'Details changed',
    SkuDeactivatedEvent: 'Deactivated',
    SkuReactivatedEvent: 'Activated again',
};

/** Sentences for the dashboard's alerts. */
export const ALERT_WORDS = {
    PAYMENT_SUCCESS_RATE_BELOW_80_PERCENT: 'Fewer than 80 % of today\'s payments succeeded.',
    TIME_TO_CONFIRM_ABOVE_60_SECONDS: 'Orders take longer than a minute on average to be confirmed today.',
    LOW_SUCCESS_RATE: 'Fewer than 80 % of today\'s payments succeeded.',
    SLOW_CONFIRMATION: 'Orders take longer than a minute on average to be confirmed today.',
    PROCESSOR_STALLED: 'An event processor is stalled: it stopped after an error or keeps falling behind.',
    DEAD_LETTERS_PRESENT: 'Events wait in a dead-letter queue (for now: e-mails that could not be sent).',
    RECONCILIATION_DIFFERENCES: 'The latest payment reconciliation found differences with the gateways.',
    LOW_STOCK: 'Products are at or below their low-stock threshold.',
};

/** Words for the short notes the engine writes into the status history. */
export const NOTE_WORDS = {
    placed: 'Order placed',
    paid: 'Payment received',
    'stock reserved': 'Stock reserved',
    'payment failed': 'The payment failed',
    'demo seed': 'Demo data',
    'deactivated by admin': 'Deactivated by an admin',
};

/** Where a checkout is (the checkout saga's stage), for the operations page. */
export const STAGE_WORDS = {
    RESERVING_STOCK: 'Reserving stock',
    AUTHORIZING: 'Setting up the payment',
    AWAITING_PAYMENT: 'Waiting for the customer to pay',
    CAPTURING: 'Taking the payment',
    CONFIRMED: 'Paid',
    CANCELLED: 'Cancelled, payment still to undo',
    REFUNDING: 'Refunding',
};

/** The gateway step of a checkout that failed after its retries. */
export const FAILED_STEP_WORDS = {
    AUTHORIZE: 'Setting up the payment',
    CAPTURE: 'Taking the payment',
    COMPENSATE: 'Undoing the checkout',
    CANCEL_PAYMENT: 'Cancelling the payment',
    REFUND: 'Refunding',
};

/** Why a checkout is counted as stuck. */
export const STUCK_WORDS = {
    'payment-deadline-passed': 'The time to pay is over',
    'capture-deadline-passed': 'The payment was not taken in time',
    'order-in-attention': 'The order needs attention',
    'step-failed': 'A payment step failed',
    'deadline-parked': 'A deadline is on hold',
};

/** A rebuild's state on the operations page. */
export const REBUILD_WORDS = {
    CATCHING_UP: 'Replaying events',
    SWITCHING: 'Switching over',
    DONE: 'Done',
    FAILED: 'Failed',
};

/** The read models (projections) by name. */
export const PROJECTION_WORDS = {
    'customer-stats': 'Customer statistics',
    'order-detail': 'Orders (detail and lists)',
    'order-metrics': 'Dashboard figures',
    'sku-stock': 'SKU stock',
};

export const projectionWords = (name) => wordsFor(PROJECTION_WORDS, name);

/** Who made a change. */
/** The payment methods a shop may offer. */
export const METHOD_WORDS = { sandbox: 'Sandbox test payment', stripe: 'Card (Stripe)', paypal: 'PayPal' };
export const methodWords = (method) => wordsFor(METHOD_WORDS, method);

export const ACTOR_WORDS = { customer: 'Customer', guest: 'Guest', admin: 'Admin', system: 'Shop system' };

/** Any code as words: "PAYMENT_SUCCESS_RATE" → "Payment success rate", "OrderPlacedEvent" → "Order placed". */
export function codeWords(code) {
    const text = String(code ?? '').trim();
    if (!text) {
        return '';
    }
    let words = text;
    if (/^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(text) || /^[A-Z]{3,}$/.test(text)) {
        words = text.toLowerCase().replace(/_/g, ' ');
    } else if (/^[A-Z][a-z]+([A-Z][a-z0-9]*)+$/.test(text)) {
        words = text.replace(/(Event|Command)$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
    } else if (/^[a-z]+(-[a-z]+)+$/.test(text)) {
        words = text.replace(/-/g, ' ');
    }
    return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Looks {@code code} up in {@code table}, else turns the code itself into words. */
export function wordsFor(table, code) {
    if (code === null || code === undefined || code === '') {
        return '—';
    }
    return table[code] || codeWords(code);
}

export const statusWords = (status) => wordsFor(STATUS_WORDS, status);
export const paymentWords = (status) => wordsFor(PAYMENT_WORDS, status);
export const alertWords = (alert) => wordsFor(ALERT_WORDS, alert);
export const stageWords = (stage) => wordsFor(STAGE_WORDS, stage);

/** The words of an audited event type ("io.orderengine.messages.order.OrderPlacedEvent" → "Order placed"). */
export function eventWords(type) {
    const simple = String(type || 'event').split('.').pop().split('$').pop();
    return wordsFor(EVENT_WORDS, simple);
}

/** A status-history note in words: the engine's short notes mapped, codes turned into words, other text kept. */
export function noteWords(note) {
    if (!note) {
        return '';
    }
    const text = String(note).trim();
    const lower = text.toLowerCase();
    if (NOTE_WORDS[lower]) {
        return NOTE_WORDS[lower];
    }
    const prefix = Object.keys(NOTE_WORDS).find((key) => lower.startsWith(key + ': '));
    if (prefix) {
        return `${NOTE_WORDS[prefix]}: ${text.slice(prefix.length + 2)}`;
    }
    if (/^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(text)) {
        return STATUS_WORDS[text] || codeWords(text);
    }
    // free text is kept as the person (or the gateway) wrote it; codes inside it become words
    return text.replace(/\b[A-Z0-9]+(_[A-Z0-9]+)+\b/g, (code) => (STATUS_WORDS[code] || codeWords(code)).toLowerCase());
}

let regionNames;

/** A country's name in the reader's language for an ISO 3166-1 code ("IL" → "Israel"); the code if unknown. */
export function countryName(code) {
    if (!code) {
        return '';
    }
    try {
        regionNames = regionNames || new Intl.DisplayNames([navigator.language || 'en'], { type: 'region' });
        return regionNames.of(String(code).toUpperCase()) || code;
    } catch {
        return code;
    }
}

/** A wait in words, in minutes once it is a minute or more: 645 → "11 minutes", 30 → "30 seconds". */
export function duration(seconds) {
    const value = Math.max(0, Math.ceil(Number(seconds) || 0));
    if (value < 60) {
        return value === 1 ? '1 second' : `${value} seconds`;
    }
    const minutes = Math.ceil(value / 60);
    if (minutes < 120) {
        return minutes === 1 ? '1 minute' : `${minutes} minutes`;
    }
    const hours = Math.round(minutes / 60);
    return `${hours} hours`;
}
