// The ways out of an order that did not go through, for the customer's order page: another payment attempt after a
// decline (POST /api/v1/orders/{id}/payment-attempts with an Idempotency-Key), and "Back to cart" after a stock
// rejection or a cancel (the order's lines back in the cart, lowered to what is available now).

import { ApiError, api, postOnce } from './api.js';
import { restoreCart } from './cart.js';
import { catalogueBySku } from './catalogue.js';
import { h, showMessage } from './ui.js';

/** The notice the cart page shows after "Back to cart" (sessionStorage; read once by js/pages/cart-notice.js). */
export const CART_NOTICE = 'oe.cartNotice';

const METHOD_WORDS = {
    sandbox: ['Sandbox test payment', 'No real money: you approve or decline the payment yourself.'],
    stripe: ['Card', 'Pay by card (processed by Stripe).'],
    paypal: ['PayPal', 'You approve the payment at PayPal and come back here.'],
};

let optionsPromise = null;

/**
 * What the shop offers (GET /api/v1/checkout/options, read once): payment methods and how many attempts an order may
 * make (null when the server does not say; the server still refuses an attempt too many).
 */
export function checkoutOptions() {
    if (!optionsPromise) {
        optionsPromise = api('/api/v1/checkout/options')
            .then((answer) => ({
                paymentMethods: Array.isArray(answer && answer.paymentMethods) ? answer.paymentMethods : ['sandbox'],
                stripePublishableKey: answer ? answer.stripePublishableKey : null,
                maxPaymentAttempts: answer && Number.isInteger(answer.maxPaymentAttempts) ? answer.maxPaymentAttempts : null,
            }))
            .catch(() => ({ paymentMethods: ['sandbox'], stripePublishableKey: null, maxPaymentAttempts: null }));
    }
    return optionsPromise;
}

/**
 * The payment panel of an order whose payment failed (the outcome above it says why) while attempts are left: the
 * offered methods (the one used before chosen) and "Try again". {@code started(attempt)} is called once the server accepted
 * the attempt; the page then follows the order until the new attempt's payment action is there.
 */
export async function renderRetry(body, order, { path, query, started }) {
    const box = h('div', { id: 'retry' });
    body.append(box);
    const options = await checkoutOptions();
    const payment = order.payment || {};
    const attempt = Math.max(1, payment.attempt || 1);
    const max = options.maxPaymentAttempts;
    if (max !== null && attempt >= max) {
        box.append(h('p', { id: 'retry-none' }, `That was the last of ${max} attempts, so the order is being cancelled. `
            + 'Nothing was charged.'));
        return;
    }
    const left = max !== null ? max - attempt : null;
    box.append(h('p', { id: 'retry-hint' }, 'Your items are still held for you. Try again with the same or another '
        + 'payment method' + (left !== null ? ` (${left === 1 ? 'one more attempt' : `${left} more attempts`} left).` : '.')));
    const methods = options.paymentMethods.filter((m) => METHOD_WORDS[m]);
    const previous = methods.includes(order.paymentMethod) ? order.paymentMethod : methods[0];
    const fieldset = h('fieldset', { id: 'retry-methods' }, h('legend', {}, 'Pay with'));
    methods.forEach((method) => {
        const id = `retry-${method}`;
        const [label, hint] = METHOD_WORDS[method];
        const radio = h('input', {
            type: 'radio', name: 'paymentMethod', id, value: method, checked: method === previous,
            'aria-describedby': id + '-hint',
        });
        fieldset.append(h('div', { class: 'field' }, h('label', { class: 'choice', for: id }, radio, label),
            h('div', { class: 'hint', id: id + '-hint' }, hint)));
    });
    const button = h('button', { type: 'submit', id: 'retry-payment', dataset: { testid: 'retry-payment' } }, 'Try again');
    const said = h('div', { id: 'retry-message', class: 'message', tabindex: '-1', hidden: true });
    const form = h('form', { id: 'retry-form', novalidate: true }, fieldset, button, said);
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const chosen = form.querySelector('input[name="paymentMethod"]:checked');
        if (!chosen) {
            showMessage(said, 'Choose how you want to pay.');
            said.focus();
            return;
        }
        button.disabled = true;
        showMessage(said, 'Starting a new payment…', 'warn');
        try {
            // one key per failed attempt: a double press or a retry after a lost answer starts one attempt only
            const accepted = await postOnce(`payment-attempt-${order.orderId}-${attempt}`, path('/payment-attempts'),
                { paymentMethod: chosen.value }, { query });
            showMessage(said, 'Setting up your new payment…', 'warn');
            started(accepted && accepted.attempt ? accepted.attempt : attempt + 1);
        } catch (e) {
            button.disabled = false;
            showMessage(said, e instanceof ApiError && e.kind === 'payment-attempt-not-allowed'
                ? 'Another payment cannot start now: the order no longer waits for one, or all attempts were used. '
                    + 'This page shows where the order is.' : e);
            said.focus();
            if (e instanceof ApiError && e.kind === 'payment-attempt-not-allowed') {
                started(null);
            }
        }
    });
    box.append(form);
}

/**
 * "Back to cart" for an order that was rejected (out of stock) or cancelled: puts its lines back in the cart,
 * each lowered to what is available now, leaves a notice of what changed for the cart page, and goes there.
 */
export function backToCart(section, order) {
    const rejected = order.status === 'REJECTED';
    const button = h('button', { type: 'button', id: 'back-to-cart', dataset: { testid: 'back-to-cart' } }, 'Back to cart');
    const said = h('div', { id: 'back-to-cart-message', class: 'message', tabindex: '-1', hidden: true });
    button.addEventListener('click', async () => {
        button.disabled = true;
        showMessage(said, 'Putting the items back in your cart…', 'warn');
        try {
            const catalogue = await catalogueBySku();
            const changes = restoreCart(order.lines || [], order.totals.currency, catalogue);
            const changed = changes.map((c) => (c.now > 0
                ? `${c.name}: ${c.now} instead of ${c.wanted} (only ${c.now} available now)`
                : `${c.name}: left out (${catalogue.has(c.sku) ? 'out of stock now' : 'no longer for sale'})`));
            sessionStorage.setItem(CART_NOTICE, JSON.stringify({
                orderNumber: order.orderNumber,
                text: `The items of order ${order.orderNumber} are back in your cart.`
                    + (changed.length ? ` What changed: ${changed.join('; ')}.` : ' Nothing had to change.'),
                tone: changed.length ? 'warn' : 'ok',
            }));
            location.assign('/checkout.html');
        } catch (e) {
            button.disabled = false;
            showMessage(said, e);
            said.focus();
        }
    });
    section.append(h('p', {}, rejected
        ? 'Put these items back in your cart, with each quantity lowered to what is in stock now, and check out again.'
        : 'To order these items again, put them back in your cart.'), button, said);
}
