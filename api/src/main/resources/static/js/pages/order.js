// Order status: the order number, lines and totals, and its status followed live from the server-sent event
// stream (placed → reserving → awaiting payment → confirmed, or the reason it failed). While the order waits for
// payment it shows how to pay: the sandbox approve/decline form, Stripe Elements, or the PayPal approve link.
// Works for signed-in owners (bearer token) and guests (the ?token= of their link). After a decline it offers
// another attempt; after a stock rejection or a cancel, the way back to the cart (js/order-recovery.js).
// Back from PayPal (?paypal=approved|cancelled, to which PayPal adds its own token and PayerID) it has the engine
// check the PayPal order: approved → the shop captures; cancelled → "Try again" (docs/payments.md).

import { ApiError, api } from '../api.js';
import { session } from '../auth.js';
import { PAYMENT_WORDS, dateTime, money, statusBadge } from '../format.js';
import { paymentWords } from '../words.js';
import { CUSTOMER_CANCELLABLE, FINAL, INVOICED, downloadPdf, orderLink, rememberGuestOrder, rememberedGuestToken }
    from '../orders.js';
import { payPalReturnOf, settlePayPalReturn } from '../paypal-return.js';
import { addressText, failureText, historyTable, linesTable, steps } from '../order-view.js';
import { backToCart, renderRetry } from '../order-recovery.js';
import { renderReturns } from '../returns-shop.js';
import { renderStripe } from '../stripe-pay.js';
import { openStream } from '../sse.js';
import { $, clear, confirmDialog, h, param, renderHeader, showMessage, signInNeeded } from '../ui.js';

const orderId = param('id');
// PayPal's return and cancel URLs carry PayPal's own ?token= (its order id), not the guest's: a guest coming back from
// PayPal is recognised by the token this browser remembered for the order
const paypalReturn = payPalReturnOf(location.search);
const guestToken = paypalReturn ? rememberedGuestToken(orderId) : param('token');
const message = $('#message');
// results of the buttons at the foot of the page (invoice, cancel) are said there, where the person is looking
const actionsMessage = $('#actions-message');
const query = guestToken ? { token: guestToken } : undefined;
let order = null;
let paymentShown = null;
let closeStream = null;
let pollTimer = null;
let refreshTimer = null;
let streamFailures = 0;
let streamEnded = false;
let recoveryShown = null;
let cancelRequested = false;
let settleChecks = 0;

function path(suffix = '') {
    return `/api/v1/orders/${encodeURIComponent(orderId)}${suffix}`;
}

function setLive(state) {
    const live = $('#live');
    live.dataset.mode = state;
    live.classList.toggle('on', state === 'live');
    live.textContent = { live: 'Live updates', polling: 'Checking for updates every few seconds' }[state] || '';
}

// Right after checkout the order's read model may be a moment behind: a 404 is retried for a while before the
// page says the order cannot be found (longer for the order this browser has just placed).
const notFoundPatience = () => (sessionStorage.getItem('oe.justPlaced') === orderId ? 20_000 : 3_000);
const startedAt = Date.now();

async function load() {
    try {
        const fresh = await api(path(), { query });
        render(fresh);
        return fresh;
    } catch (e) {
        if (e instanceof ApiError && e.status === 404 && !e.endpointMissing && !order
                && Date.now() - startedAt < notFoundPatience()) {
            await new Promise((resolve) => setTimeout(resolve, 300));
            return load();
        }
        $('#loading').hidden = true;
        if (e instanceof ApiError && e.status === 404 && !order) {
            if (!guestToken && !session()) {
                signInNeeded($('#main'), 'this order');
                $('#main').append(linkByEmail());
                return null;
            }
            showMessage(message, 'We could not find this order. Check that the link is complete; '
                + 'orders are shown only to their owner and to holders of the order link. '
                + 'A link from an e-mail expires after a while.');
            if (!session()) {
                $('#main').append(linkByEmail());
            }
        } else {
            showMessage(message, e);
        }
        return null;
    }
}

// "E-mail me the link": a guest without a working link asks for the links of their orders by e-mail. The answer is
// the same whether or not the address has orders (POST /api/v1/orders/access-links, docs/api.md).
function linkByEmail() {
    const input = h('input', { type: 'email', id: 'link-email', name: 'email', required: true, autocomplete: 'email' });
    const said = h('div', { class: 'message', hidden: true });
    const form = h('form', { class: 'panel', id: 'link-by-email', novalidate: true },
        h('h2', {}, 'Ordered as a guest?'),
        h('label', { for: 'link-email' }, 'E-mail address you ordered with'),
        input,
        h('button', { type: 'submit', class: 'button' }, 'E-mail me the link'),
        said);
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        try {
            const answer = await api('/api/v1/orders/access-links',
                { method: 'POST', body: { email: input.value.trim() }, anonymous: true });
            showMessage(said, answer.message, 'ok');
        } catch (e) {
            showMessage(said, e);
        }
    });
    return form;
}

function render(fresh) {
    order = fresh;
    $('#loading').hidden = true;
    $('#order').hidden = false;
    document.title = `Order ${order.orderNumber} — Order engine`;
    $('#order-number').textContent = order.orderNumber;
    const status = clear($('#order-status'));
    status.dataset.status = order.status;
    status.append(statusBadge(order.status));
    clear($('#steps')).append(...steps(order));
    const failure = failureText(order);
    showMessage($('#outcome'), failure, order.status === 'ATTENTION' ? 'warn' : 'error');
    if (!failure && order.status === 'CONFIRMED') {
        showMessage($('#outcome'), 'Thank you! Your payment went through and the order is confirmed.', 'ok');
    }
    clear($('#lines')).append(linesTable(order));
    renderDetails();
    clear($('#history')).append(historyTable(order));
    renderReturns($('#returns'), order, query, load);
    renderPayment();
    if (guestToken && rememberedGuestToken(order.orderId) !== guestToken) {
        // so that coming back from PayPal (whose URLs carry no guest token) still opens the order
        rememberGuestOrder(order.orderId, order.orderNumber, guestToken);
    }
    if (guestToken) {
        const link = new URL(orderLink(order.orderId, guestToken), location.href).href;
        $('#guest-link').hidden = false;
        $('#guest-link-url').href = link;
        $('#guest-link-url').textContent = link;
    }
    renderRecovery();
    if (cancelRequested && order.status === 'CANCELLED') {
        cancelRequested = false;
        showMessage(actionsMessage, 'The order is cancelled.', 'ok');
    }
    $('#invoice').hidden = !INVOICED.includes(order.status);
    $('#cancel').hidden = !CUSTOMER_CANCELLABLE.includes(order.status);
    if (FINAL.includes(order.status)) {
        stopFollowing();
        // a cancelled paid order is refunded after the stream has ended: read it again until the money is back
        const p = order.payment || {};
        if (order.status === 'CANCELLED' && (p.capturedMinor || 0) > (p.refundedMinor || 0) && settleChecks++ < 60) {
            clearTimeout(refreshTimer);
            refreshTimer = setTimeout(load, 2000);
        }
    }
}

/** "Back to cart" under the outcome of a rejected or cancelled order (built once per status). */
function renderRecovery() {
    const section = $('#recovery');
    const wanted = ['REJECTED', 'CANCELLED'].includes(order.status) && (order.lines || []).length ? order.status : null;
    if (wanted === recoveryShown) {
        return;
    }
    recoveryShown = wanted;
    clear(section).hidden = !wanted;
    if (wanted) {
        backToCart(section, order);
    }
}

function renderDetails() {
    const details = clear($('#details'));
    const p = order.payment;
    const fact = (term, value, id) => details.append(h('dt', {}, term), h('dd', { id }, value));
    fact('Placed', dateTime(order.placedAt), 'placed-at');
    fact('Payment', paymentWords(order.paymentStatus), 'payment-status');
    if (p && (p.brand || p.last4)) {
        const brand = p.brand === 'sandbox' ? 'Sandbox card' : p.brand;
        fact('Paid with', [brand, p.last4 ? `•••• ${p.last4}` : null].filter(Boolean).join(' '), 'paid-with');
    }
    if (p && p.refundedMinor) {
        fact('Refunded', money(p.refundedMinor, order.totals.currency), 'refunded');
    }
    fact('Ship to', addressText(order.shippingAddress), 'ship-to');
    if (order.trackingNumber) {
        fact('Tracking number', order.trackingNumber, 'tracking');
    }
    if (order.estimatedDelivery) {
        fact('Estimated delivery', order.estimatedDelivery, 'estimated-delivery');
    }
    if (order.notes) {
        fact('Your notes', order.notes, 'notes');
    }
}

/** The payment panel, rebuilt only when what the customer has to do changes (so a card form is not reset). */
function renderPayment() {
    // an edit raised the paid total: its balance is paid here like a first payment
    const balanceEdit = order.paymentStatus === 'PARTIALLY_PAID'
        ? (order.edits || []).find((edit) => edit.status === 'AWAITING_BALANCE') : null;
    const awaiting = order.status === 'AWAITING_PAYMENT' || !!balanceEdit;
    const failed = awaiting && order.paymentStatus === 'FAILED';
    // after a failure the action is the failed attempt's: offer another attempt instead
    const action = awaiting && !failed && order.payment ? order.payment.action : null;
    const section = $('#payment');
    const attempt = (order.payment && order.payment.attempt) || 1;
    const key = failed ? `failed|${attempt}`
        : action ? `${action.type}|${action.url || ''}|${action.clientSecret ? 'secret' : ''}` : order.status;
    if (key === paymentShown) {
        return;
    }
    paymentShown = key;
    const body = clear($('#payment-body'));
    if (failed) {
        section.hidden = false;
        renderRetry(body, order, { path, query, started: awaitNewAttempt });
        return;
    }
    if (!action) {
        section.hidden = !['PENDING', 'AWAITING_PAYMENT'].includes(order.status) && !balanceEdit;
        if (!section.hidden) {
            body.append(h('p', { id: 'payment-wait' }, order.status === 'PENDING'
                ? 'We are reserving your items; the payment step appears here in a moment.'
                : 'Setting up your payment; it appears here in a moment.'));
        }
        return;
    }
    section.hidden = false;
    const amount = money(balanceEdit ? balanceEdit.balanceMinor : order.totals.totalMinor, order.totals.currency);
    if (balanceEdit) {
        body.append(h('p', { id: 'payment-balance' }, `Your order was changed; the difference of ${amount} is due.`));
    }
    if (action.type === 'sandbox') {
        renderSandbox(body, action, amount);
    } else if (action.type === 'paypal') {
        if (!/^https:\/\//.test(action.url || '')) {
            body.append(h('p', { class: 'message error' }, 'The PayPal link is missing; please contact the shop.'));
            return;
        }
        body.append(h('p', {}, `Pay ${amount} with PayPal. You approve the payment at PayPal and come back here; `
            + 'this page updates by itself.'),
        h('a', { class: 'button', id: 'paypal-approve', href: action.url, rel: 'noopener' }, 'Approve with PayPal'));
    } else if (action.type === 'stripe') {
        renderStripe(body, action, amount, scheduleRefresh);
    } else {
        body.append(h('p', {}, 'This payment method cannot be completed here; please contact the shop.'));
    }
}

function renderSandbox(body, action, amount) {
    if (!(action.url || '').startsWith('/api/v1/payments/sandbox/')) {
        body.append(h('p', { class: 'message error' }, 'The sandbox payment link is missing; please contact the shop.'));
        return;
    }
    const status = h('div', { id: 'sandbox-message', class: 'message', hidden: true });
    const approve = h('button', { type: 'button', class: 'ok', id: 'sandbox-approve' }, `Approve payment of ${amount}`);
    const decline = h('button', { type: 'button', class: 'danger', id: 'sandbox-decline' }, 'Decline payment');
    const decide = async (outcome) => {
        approve.disabled = true;
        decline.disabled = true;
        showMessage(status, outcome === 'approve' ? 'Approving the payment…' : 'Declining the payment…', 'warn');
        try {
            await api(action.url, { method: 'POST', body: { outcome } });
            showMessage(status, outcome === 'approve'
                ? 'Payment approved at the sandbox. Waiting for the shop to confirm the order…'
                : 'Payment declined at the sandbox. Waiting for the shop to record it…', 'ok');
            scheduleRefresh();
        } catch (e) {
            approve.disabled = false;
            decline.disabled = false;
            showMessage(status, e);
        }
    };
    approve.addEventListener('click', () => decide('approve'));
    decline.addEventListener('click', () => decide('decline'));
    body.append(
        h('p', {}, 'This shop runs on the sandbox payment gateway: no real money moves. '
            + `Play the customer at the gateway and approve or decline the payment of ${amount}.`),
        h('div', { class: 'actions', role: 'group', 'aria-label': 'Sandbox payment decision' }, approve, decline),
        status);
}

function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(load, 100);
}

/**
 * After "Try again" was accepted: the new attempt's payment action is set up by the shop a moment later, without a
 * status change the stream would announce, so the order is read again until it shows (or the order moved on).
 */
async function awaitNewAttempt(attempt) {
    for (let i = 0; i < 60; i++) {
        const fresh = await load();
        const p = fresh && fresh.payment;
        if (!fresh || fresh.status !== 'AWAITING_PAYMENT' || attempt === null
                || (p && p.attempt >= attempt && (p.action || fresh.paymentStatus === 'FAILED'))) {
            return;
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
    }
}

/**
 * Follows the order's event stream: an "order" event carries the order whenever its status or payment status
 * changes, "end" says the checkout is over and the server closes the stream. Falls back to polling when the server
 * has no stream or it keeps failing; right after checkout the order may not be readable yet (404), so that is
 * retried.
 */
function follow() {
    if (closeStream || streamEnded || (order && FINAL.includes(order.status))) {
        return;
    }
    const streamQuery = guestToken ? '?token=' + encodeURIComponent(guestToken) : '';
    closeStream = openStream(path('/stream') + streamQuery, {
        onOpen: () => {
            streamFailures = 0;
            stopPolling();
            setLive('live');
        },
        onEvent: (event) => {
            let data = null;
            try {
                data = JSON.parse(event.data);
            } catch {
                data = null;
            }
            if (event.event === 'end') {
                streamEnded = true;
            }
            if (event.event === 'order' && data && data.orderId === orderId && data.lines) {
                const live = $('#live');
                live.dataset.streamed = `${live.dataset.streamed || ''} ${data.status}`.trim();
                render(data);
            }
            // the stream's view carries no Stripe client secret, and "end" only a status: read the order as well
            scheduleRefresh();
        },
        onClose: (error) => {
            closeStream = null;
            if (streamEnded || (order && FINAL.includes(order.status))) {
                setLive('off');
                return;
            }
            streamFailures++;
            const notReadableYet = error && error.status === 404 && error.problem
                && error.problem.type === 'urn:order-engine:problem:not-found';
            const missing = error && !notReadableYet && (error.status === 404 || error.status === 405);
            if (missing || streamFailures > 5) {
                startPolling();
            } else {
                setTimeout(follow, Math.min(5000, 500 * streamFailures));
            }
        },
    });
}

function startPolling() {
    setLive('polling');
    if (!pollTimer) {
        pollTimer = setInterval(load, 2000);
    }
}

function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
}

function stopFollowing() {
    stopPolling();
    if (closeStream) {
        const close = closeStream;
        closeStream = null;
        close();
    }
    setLive('off');
}

async function cancel() {
    const reason = await confirmDialog({
        title: `Cancel order ${order.orderNumber}?`,
        text: order.status === 'CONFIRMED' ? 'The amount you paid will be refunded.' : 'Nothing will be charged.',
        confirmLabel: 'Cancel order', reasonLabel: 'Why are you cancelling?', danger: true,
    });
    if (reason === null) {
        return;
    }
    try {
        await api(path('/cancel'), { method: 'POST', body: { reason }, query });
        cancelRequested = true;
        showMessage(actionsMessage, 'Cancellation requested. The page updates when it is done.', 'ok');
        scheduleRefresh();
    } catch (e) {
        showMessage(actionsMessage, e);
        actionsMessage.focus();
    }
}

async function invoice() {
    try {
        await downloadPdf(api, path('/invoice'), query, `${order.orderNumber}.pdf`);
        showMessage(actionsMessage, 'The invoice was downloaded.', 'ok');
    } catch (e) {
        showMessage(actionsMessage, e);
        actionsMessage.focus();
    }
}

renderHeader();
if (!orderId) {
    $('#loading').hidden = true;
    showMessage(message, 'No order was named. Open the link from your order confirmation, or see My orders.');
} else {
    $('#cancel').addEventListener('click', cancel);
    $('#invoice').addEventListener('click', invoice);
    load().then((first) => {
        if (first) {
            follow();
            if (paypalReturn) {
                settlePayPalReturn(paypalReturn, { orderId, guestToken, path, query, settled: scheduleRefresh });
            }
        }
    });
    window.addEventListener('pagehide', stopFollowing);
}
