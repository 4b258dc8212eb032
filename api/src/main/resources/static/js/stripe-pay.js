// Paying by card on the order page: Stripe Elements with the order's PaymentIntent client secret.

import { checkoutOptions } from './order-recovery.js';
import { h, showMessage } from './ui.js';

let stripePromise = null;

function loadStripe() {
    if (!stripePromise) {
        stripePromise = new Promise((resolve, reject) => {
            if (window.Stripe) {
                resolve(window.Stripe);
                return;
            }
            const script = document.createElement('script');
            script.src = 'https://js.stripe.com/v3/';
            script.addEventListener('load', () => resolve(window.Stripe));
            script.addEventListener('error', () => reject(new Error('Stripe could not be loaded. Check your connection.')));
            document.head.append(script);
        });
    }
    return stripePromise;
}

/**
 * Stripe Elements for an order that waits for a card payment: the card field (Stripe.js from js.stripe.com, the
 * shop's publishable key from the checkout options) and "Pay", which confirms the PaymentIntent with the order's
 * client secret; {@code paid()} is called once Stripe accepted the card.
 */
export async function renderStripe(body, action, amount, paid) {
    const status = h('div', { id: 'stripe-message', class: 'message', hidden: true });
    const key = (await checkoutOptions()).stripePublishableKey;
    if (!key || !action.clientSecret) {
        body.append(h('p', { class: 'message error' }, 'Card payments are not set up on this shop right now; '
            + 'please contact the shop.'));
        return;
    }
    const cardBox = h('div', { id: 'card-element', class: 'panel' });
    const pay = h('button', { type: 'button', id: 'stripe-pay' }, `Pay ${amount}`);
    body.append(h('p', {}, 'Enter your card. Card details go straight to Stripe; this shop never sees them.'),
        h('div', { class: 'field' }, h('label', { id: 'card-label' }, 'Card'), cardBox), pay, status);
    try {
        const Stripe = await loadStripe();
        const stripe = Stripe(key);
        const card = stripe.elements().create('card');
        card.mount(cardBox);
        pay.addEventListener('click', async () => {
            pay.disabled = true;
            showMessage(status, 'Paying…', 'warn');
            const result = await stripe.confirmCardPayment(action.clientSecret, { payment_method: { card } });
            if (result.error) {
                pay.disabled = false;
                showMessage(status, result.error.message || 'The card was not accepted.');
            } else {
                showMessage(status, 'Card accepted. Waiting for the shop to confirm the order…', 'ok');
                paid();
            }
        });
    } catch (e) {
        showMessage(status, e);
    }
}
