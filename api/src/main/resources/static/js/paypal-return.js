// The order page when the buyer is back from PayPal. The engine gave PayPal the order page as return URL
// (?id=…&paypal=approved) and cancel URL (?id=…&paypal=cancelled); PayPal adds its own token (its order id) and, on
// approval, PayerID. The return proves nothing by itself, so the page has the engine ask PayPal
// (POST /api/v1/orders/{id}/paypal-returns): approved → authorized, and the shop captures; cancelled → the attempt
// failed, and the payment panel turns into "Try again" (js/order-recovery.js). See docs/payments.md.

import { api } from './api.js';
import { orderLink } from './orders.js';
import { $, h, showMessage } from './ui.js';

/** {outcome, paypalOrderId} when the address is a PayPal return, else null. */
export function payPalReturnOf(search) {
    const query = new URLSearchParams(search);
    const outcome = query.get('paypal');
    return ['approved', 'cancelled'].includes(outcome) ? { outcome, paypalOrderId: query.get('token') } : null;
}

const SAID = {
    authorized: ['PayPal approved your payment. The shop is taking it now; the order is confirmed in a moment.', 'ok'],
    cancelled: ['You cancelled the payment at PayPal, so nothing was charged. Your items are still held: '
        + 'try again below, with PayPal or another way to pay.', 'warn'],
};

/**
 * Settles the return and says what happened above the payment panel; {@code settled()} then reads the order again.
 * The address loses PayPal's parameters first, so a reload does not report the return twice.
 */
export async function settlePayPalReturn(paypalReturn, { orderId, guestToken, path, query, settled }) {
    history.replaceState(null, '', orderLink(orderId, guestToken));
    const said = h('div', { id: 'paypal-return', class: 'message', tabindex: '-1', hidden: true });
    $('#payment').before(said);
    const approved = paypalReturn.outcome === 'approved';
    if (!/^[A-Za-z0-9-]{1,64}$/.test(paypalReturn.paypalOrderId || '')) {
        showMessage(said, 'PayPal sent you back without naming the payment. This page shows where the order is.', 'warn');
        return;
    }
    showMessage(said, approved ? 'Back from PayPal: checking your approval…' : 'Back from PayPal: checking…', 'warn');
    try {
        const answer = await api(path('/paypal-returns'), {
            method: 'POST', body: { paypalOrderId: paypalReturn.paypalOrderId, outcome: paypalReturn.outcome }, query,
        });
        const [text, tone] = SAID[answer.recorded] || [approved
            ? 'PayPal has not reported your approval yet; this page updates by itself.'
            : 'The payment was not cancelled: this page shows where the order is.', 'warn'];
        showMessage(said, text, tone);
        settled();
    } catch (e) {
        showMessage(said, e);
    }
}
