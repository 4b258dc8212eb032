// Pieces of an order (GET /api/v1/orders/{id}) rendered the same way for the customer and the admin: lines with
// totals, addresses, status history, progress steps and the words for how an order failed.

import { dateTime, money } from './format.js';
import { ACTOR_WORDS, codeWords, countryName, noteWords, statusWords } from './words.js';
import { h, productImage } from './ui.js';

/** The lines and totals as a table (tfoot: subtotal, discount, shipping, tax, total). */
export function linesTable(order) {
    const t = order.totals || {};
    const currency = t.currency;
    const rows = (order.lines || []).map((line) => {
        const attributes = Object.entries(line.attributes || {}).map(([k, v]) => `${k}: ${v}`).join(' · ');
        return h('tr', { dataset: { sku: line.sku } },
            h('td', {}, h('div', { class: 'with-thumb' }, productImage(line.imageUrl, true),
                h('div', {}, line.name, h('div', { class: 'small muted' }, line.sku, attributes ? ` · ${attributes}` : '')))),
            h('td', { class: 'num' }, money(line.unitPriceMinor, currency)),
            h('td', { class: 'num' }, String(line.quantity)),
            h('td', { class: 'num' }, money(line.lineTotalMinor, currency)));
    });
    const foot = (label, value, id, cls = '') => h('tr', { class: cls },
        h('th', { scope: 'row', colspan: '3' }, label), h('td', { class: 'num', id }, value));
    const footer = [foot('Subtotal', money(t.subtotalMinor, currency), 'order-subtotal')];
    if (t.discountMinor) {
        footer.push(foot(`Discount${order.discountCode ? ' (' + order.discountCode + ')' : ''}`,
            '−' + money(t.discountMinor, currency), 'order-discount'));
    }
    footer.push(foot('Shipping', t.shippingMinor ? money(t.shippingMinor, currency) : 'Free', 'order-shipping'));
    const rate = t.taxRateBasisPoints ? ` (${(t.taxRateBasisPoints / 100).toLocaleString()} %)` : '';
    footer.push(foot('Tax' + rate, money(t.taxMinor, currency), 'order-tax'));
    const total = foot('Total', money(t.totalMinor, currency), 'order-total', 'total');
    total.querySelector('td').dataset.testid = 'order-total';
    footer.push(total);
    return h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col', class: 'num' }, 'Price'),
            h('th', { scope: 'col', class: 'num' }, 'Qty'), h('th', { scope: 'col', class: 'num' }, 'Total'))),
        h('tbody', {}, rows),
        h('tfoot', {}, footer));
}

export function addressText(address) {
    if (!address) {
        return '—';
    }
    return [address.fullName, address.line1, address.line2,
        [address.postalCode, address.city].filter(Boolean).join(' '), address.region, countryName(address.country), address.phone]
        .filter(Boolean).join(', ');
}

function actorText(actor) {
    if (!actor) {
        return '—';
    }
    const type = String(actor.type || '').toLowerCase();
    const who = ACTOR_WORDS[type] || codeWords(actor.type);
    return type === 'admin' || type === 'customer' ? `${who} ${actor.id || ''}`.trim() : who;
}

/** The status history, oldest first: when, from → to, who, note. */
export function historyTable(order) {
    const rows = (order.statusHistory || []).map((change) => h('tr', { dataset: { to: change.to } },
        h('td', { class: 'nowrap' }, dateTime(change.at)),
        // a later payment attempt waits for payment again: the same status, said once
        h('td', {}, change.from && change.from !== change.to ? `${statusWords(change.from)} → ` : '', statusWords(change.to)),
        h('td', {}, actorText(change.actor)),
        h('td', {}, noteWords(change.note))));
    return h('table', { id: 'history-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'When'), h('th', { scope: 'col' }, 'Status'),
            h('th', { scope: 'col' }, 'By'), h('th', { scope: 'col' }, 'Note'))),
        h('tbody', {}, rows));
}

const STEPS = [
    { key: 'PLACED', label: 'Placed' },
    { key: 'PENDING', label: 'Reserving stock' },
    { key: 'AWAITING_PAYMENT', label: 'Awaiting payment' },
    { key: 'CONFIRMED', label: 'Confirmed' },
    { key: 'PROCESSING', label: 'Processing' },
    { key: 'PARTIALLY_SHIPPED', label: 'Partly shipped' },
    { key: 'SHIPPED', label: 'Shipped' },
    { key: 'DELIVERED', label: 'Delivered' },
];
const FAILED_LABEL = { REJECTED: 'Rejected', CANCELLED: 'Cancelled', ATTENTION: 'Needs attention', RETURNED: 'Returned' };

/**
 * The progress steps placed → reserving → awaiting payment → confirmed (→ processing → shipped → delivered);
 * a side exit (rejected, cancelled, needs attention, returned) replaces the step it stopped at.
 */
export function steps(order) {
    const index = (status) => STEPS.findIndex((s) => s.key === status);
    const reached = Math.max(1, ...(order.statusHistory || []).map((c) => index(c.to)), index(order.status));
    const failed = FAILED_LABEL[order.status];
    const items = [];
    STEPS.forEach((step, i) => {
        let state;
        if (failed) {
            state = i <= reached ? 'done' : null;
        } else {
            const current = index(order.status);
            state = i < current || (current === STEPS.length - 1 && i === current) ? 'done'
                : i === current ? 'current' : '';
        }
        if (failed && i === reached + 1) {
            items.push(h('li', { class: 'failed', dataset: { step: order.status }, 'aria-current': 'step' }, failed));
        }
        if (state !== null) {
            items.push(h('li', {
                class: state, dataset: { step: step.key }, 'aria-current': state === 'current' ? 'step' : null,
            }, step.label, state === 'done' ? h('span', { class: 'visually-hidden' }, ' (done)') : ''));
        }
    });
    if (failed && reached + 1 >= STEPS.length) {
        items.push(h('li', { class: 'failed', dataset: { step: order.status }, 'aria-current': 'step' }, failed));
    }
    return items;
}

/** Why an order did not go through, in words; null when it did not fail. */
export function failureText(order) {
    const last = (order.statusHistory || []).slice(-1)[0];
    const payment = order.payment || {};
    if (order.status === 'REJECTED') {
        const names = new Map((order.lines || []).map((l) => [l.sku, l.name]));
        const shortages = (order.shortages || []).map((s) =>
            `${names.get(s.sku) || s.sku} (asked for ${s.requested}, ${s.available} left)`);
        return 'The order was rejected because there was not enough stock'
            + (shortages.length ? ': ' + shortages.join('; ') + '.' : '.')
            + ` ${moneyText(order)} The stock held for it was released.`;
    }
    if (order.status === 'CANCELLED') {
        const reason = noteWords(payment.failureReason || (last && last.note));
        return `The order was cancelled${reason ? ': ' + reason : ''}.`.replace(/\.\.$/, '.')
            + ` ${moneyText(order)} The stock held for it was released.`;
    }
    if (order.status === 'ATTENTION') {
        return 'The order needs a look from our team' + (last && last.note ? `: ${noteWords(last.note)}` : '')
            + '. We will sort it out and let you know.';
    }
    if (order.paymentStatus === 'FAILED' && payment.failureReason) {
        return `The payment failed: ${noteWords(payment.failureReason)}.`;
    }
    return null;
}

/** Where the money went back to, in words: "the sandbox test card", "Visa •••• 4242", "your PayPal account". */
function paidWith(payment) {
    if (payment.provider === 'paypal') {
        return 'your PayPal account';
    }
    if (payment.brand && payment.brand !== 'sandbox') {
        return [payment.brand, payment.last4 ? `•••• ${payment.last4}` : null].filter(Boolean).join(' ');
    }
    if (payment.provider === 'sandbox' || payment.brand === 'sandbox') {
        return 'the sandbox test card';
    }
    return payment.last4 ? `the card •••• ${payment.last4}` : 'the card you paid with';
}

/**
 * What happened to the money of an order that ended without being delivered: "Nothing was charged." when nothing was
 * captured (a held amount is released), "Refunded €12.50 to Visa •••• 4242." once refunds went through, and what is
 * still on its way back.
 */
export function moneyText(order) {
    const payment = order.payment || {};
    const currency = (order.totals || {}).currency;
    const captured = payment.capturedMinor || 0;
    const refunded = payment.refundedMinor || 0;
    if (captured <= 0) {
        return 'Nothing was charged.';
    }
    const to = paidWith(payment);
    const owed = captured - refunded;
    const parts = [];
    if (refunded > 0) {
        parts.push(`Refunded ${money(refunded, currency)} to ${to}.`);
    }
    if (owed > 0) {
        parts.push(refunded > 0 ? `${money(owed, currency)} more is on its way back.`
            : `${money(owed, currency)} is being refunded to ${to}.`);
    }
    return parts.join(' ');
}
