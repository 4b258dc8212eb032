// Admin order detail: summary, lines, status history, admin notes and the audit trail from the event store; status
// changes (tracking number for SHIPPED), cancel, full or partial refund and notes. Commands answer 202 and the
// read model follows a moment later, so after each one the page re-reads the order until the change shows. The page
// follows the order live: its event stream (GET /api/v1/orders/{id}/stream, which admins may read) while the checkout
// runs, then a re-read every 15 seconds while the tab is visible (the stream ends with the checkout).

import { ApiError, api, postOnce } from '../api.js';
import { isAdmin } from '../auth.js';
import { PAYMENT_WORDS, STATUS_WORDS, dateTime, money, parseMoney, statusBadge, toDecimal } from '../format.js';
import { addressText, failureText, historyTable, linesTable } from '../order-view.js';
import { renderAudit } from '../order-audit.js';
import { renderFulfilment } from '../returns-admin.js';
import { openStream } from '../sse.js';
import { methodWords, noteWords, statusWords } from '../words.js';
import {
    $, clear, clearFieldErrors, confirmDialog, focusFirstInvalid, h, param, placeFieldErrors, renderHeader,
    setFieldError, showMessage, signInNeeded, until,
} from '../ui.js';

const orderId = param('id');
const message = $('#message');
let order = null;
let busy = false;
let streaming = false;
const POLL_MS = 15_000;

// Where an admin can move an order from each status (the engine checks again and names the current state).
const NEXT = {
    CONFIRMED: ['PROCESSING'],
    PROCESSING: ['SHIPPED'],
    PARTIALLY_SHIPPED: ['SHIPPED'],
    SHIPPED: ['DELIVERED', 'RETURNED'],
    DELIVERED: ['RETURNED'],
    PARTIALLY_RETURNED: ['RETURNED'],
    ATTENTION: ['RESUMED'],
};
const ADMIN_CANCELLABLE = ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED', 'PROCESSING', 'ATTENTION'];
const TARGET_WORDS = { ...STATUS_WORDS, RESUMED: 'Resume (leave "needs attention")' };

function path(suffix = '') {
    return `/api/v1/admin/orders/${encodeURIComponent(orderId)}${suffix}`;
}

function readOrder() {
    return api(path());
}

async function load() {
    try {
        render(await readOrder());
    } catch (e) {
        $('#loading').hidden = true;
        showMessage(message, e instanceof ApiError && e.status === 404 ? 'There is no order with this id.' : e);
    }
    loadAudit();
}

function render(fresh) {
    order = fresh;
    $('#loading').hidden = true;
    $('#order').hidden = false;
    document.title = `Order ${order.orderNumber} — Order engine admin`;
    $('#order-number').textContent = order.orderNumber;
    clear($('#order-status')).append(statusBadge(order.status));
    clear($('#payment-status')).append(statusBadge(order.paymentStatus, PAYMENT_WORDS));
    showMessage($('#outcome'), failureText(order), order.status === 'ATTENTION' ? 'warn' : 'error');
    renderActions();
    renderSummary();
    clear($('#lines')).append(linesTable(order));
    clear($('#history')).append(historyTable(order));
    renderFulfilment($('#fulfilment'), order, command);
    const notes = clear($('#notes'));
    if (!(order.adminNotes || []).length) {
        notes.append(h('p', { class: 'muted' }, 'No notes yet.'));
    } else {
        notes.append(h('ul', { id: 'notes-list' }, order.adminNotes.map((n) =>
            h('li', {}, h('span', { class: 'muted small' }, `${dateTime(n.at)}, ${n.actor ? n.actor.id : ''}: `), noteWords(n.note)))));
    }
}

function refundable() {
    const p = order.payment;
    return p ? Math.max(0, (p.capturedMinor || 0) - (p.refundedMinor || 0)) : 0;
}

function renderActions() {
    const select = $('#new-status');
    const chosen = select.value;
    clear(select);
    const targets = NEXT[order.status] || [];
    targets.forEach((s) => select.append(h('option', { value: s }, TARGET_WORDS[s])));
    // a live update keeps what the admin chose, while it is still possible
    if (targets.includes(chosen)) {
        select.value = chosen;
    }
    const canMove = targets.length > 0;
    $('#change-status').disabled = !canMove;
    select.disabled = !canMove;
    $('#no-status-change').hidden = canMove;
    $('#admin-cancel').hidden = !ADMIN_CANCELLABLE.includes(order.status);
    showTrackingFields();
    const currency = order.totals.currency;
    const left = refundable();
    $('#refund-currency').textContent = currency;
    $('#refundable').textContent = left > 0
        ? `Paid ${money(order.payment.capturedMinor, currency)}, refunded ${money(order.payment.refundedMinor || 0, currency)}: `
            + `up to ${money(left, currency)} can be refunded.`
        : 'Nothing to refund: no money was captured, or all of it was refunded.';
    $('#refund').disabled = left <= 0;
}

function showTrackingFields() {
    const shipped = $('#new-status').value === 'SHIPPED';
    $('#tracking-field').hidden = !shipped;
    $('#delivery-field').hidden = !shipped;
    $('#tracking').required = shipped;
    $('#restock-field').hidden = $('#new-status').value !== 'RETURNED';
}

function renderSummary() {
    const summary = clear($('#summary'));
    const fact = (term, value, id) => summary.append(h('dt', {}, term), h('dd', { id }, value || '—'));
    const c = order.customer || {};
    const p = order.payment;
    const currency = order.totals.currency;
    fact('Customer', c.guest ? `Guest (${c.email})` : `${c.customerId || '—'} (${c.email || 'no email'})`, 'customer');
    fact('Placed', dateTime(order.placedAt), 'placed-at');
    fact('Last change', dateTime(order.updatedAt), 'updated-at');
    fact('Payment method', order.paymentMethod ? methodWords(order.paymentMethod) : null, 'payment-method');
    if (p) {
        const brand = p.brand && p.brand !== p.provider ? p.brand : null;
        fact('Payment', [p.provider ? methodWords(p.provider) : null, brand, p.last4 ? `•••• ${p.last4}` : null, p.reference ? `ref ${p.reference}` : null]
            .filter(Boolean).join(' · '), 'payment');
        fact('Captured', money(p.capturedMinor || 0, currency), 'captured');
        fact('Refunded', money(p.refundedMinor || 0, currency), 'refunded');
        if (p.failureReason) {
            fact('Payment failure', noteWords(p.failureReason), 'payment-failure');
        }
    }
    fact('Ship to', addressText(order.shippingAddress), 'ship-to');
    if (order.billingAddress) {
        fact('Bill to', addressText(order.billingAddress), 'bill-to');
    }
    fact('Tracking number', order.trackingNumber, 'tracking-number');
    (order.shipments || []).forEach((shipment) => {
        const lines = shipment.lines.map((line) => `${line.quantity} × ${line.name || line.sku}`).join(', ');
        const arrived = shipment.deliveredAt ? `delivered ${dateTime(shipment.deliveredAt)}` : 'on its way';
        fact(`Parcel ${shipment.shipmentId}`, [lines, [shipment.carrier, shipment.trackingNumber].filter(Boolean).join(' '),
            `shipped ${dateTime(shipment.shippedAt)}`, arrived].filter(Boolean).join(' · '), `shipment-${shipment.shipmentId}`);
    });
    if (order.estimatedDelivery) {
        fact('Estimated delivery', order.estimatedDelivery, 'estimated-delivery');
    }
    if (order.discountCode) {
        fact('Discount code', order.discountCode, 'discount-code');
    }
    if (order.notes) {
        fact('Customer notes', order.notes, 'customer-notes');
    }
}

function loadAudit() {
    return renderAudit($('#audit'), path('/audit'));
}

/** Runs an admin command, then re-reads the order until {@code done(order)} holds. */
async function command(form, slot, url, body, waitingText, done, doneText) {
    clearFieldErrors(form);
    showMessage(message, null);
    document.querySelectorAll('.form-message').forEach((region) => showMessage(region, null));
    // the answer is shown next to the control that was used, where the admin is looking
    const answer = form.querySelector('.form-message') || message;
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    busy = true;
    try {
        await postOnce(slot, url, body);
        showMessage(answer, waitingText, 'warn');
        const fresh = await until(readOrder, done, 15);
        render(fresh);
        loadAudit();
        showMessage(answer, done(fresh) ? doneText(fresh)
            : 'The request was accepted; the order shows it as soon as it has been carried out.', done(fresh) ? 'ok' : 'warn');
        return true;
    } catch (e) {
        if (e instanceof ApiError) {
            placeFieldErrors(form, e);
        }
        showMessage(answer, e);
        if (!form.querySelector('[aria-invalid="true"]')) {
            answer.focus();
        }
        focusFirstInvalid(form);
        return false;
    } finally {
        busy = false;
        buttons.forEach((b) => { b.disabled = false; });
        if (order) {
            renderActions();
        }
    }
}

async function changeStatus(event) {
    event.preventDefault();
    const form = $('#status-form');
    clearFieldErrors(form);
    const status = $('#new-status').value;
    const tracking = $('#tracking');
    if (status === 'SHIPPED' && !tracking.checkValidity()) {
        setFieldError(tracking, tracking.validity.valueMissing ? 'Enter the tracking number of the shipment.'
            : 'A tracking number has only letters, digits, spaces and . _ / -');
        tracking.focus();
        return;
    }
    const before = order.status;
    const body = {
        status,
        note: $('#status-note').value.trim() || null,
        trackingNumber: status === 'SHIPPED' ? tracking.value.trim() : null,
        restock: status === 'RETURNED' ? $('#returned-restock').checked : null,
        estimatedDelivery: status === 'SHIPPED' && $('#delivery').value ? $('#delivery').value : null,
    };
    const ok = await command(form, `status-${orderId}`, path('/status'), body, 'Status change requested…',
        (o) => (status === 'RESUMED' ? o.status !== before : o.status === status),
        (o) => `The order is now ${statusWords(o.status).toLowerCase()}.`);
    if (ok) {
        form.reset();
        renderActions();
    }
}

async function cancelOrder() {
    const reason = await confirmDialog({
        title: `Cancel order ${order.orderNumber}?`,
        text: refundable() > 0 ? `The customer is refunded ${money(refundable(), order.totals.currency)} and the stock is released.`
            : 'The stock held for it is released.',
        confirmLabel: 'Cancel order', reasonLabel: 'Reason (the customer sees it)', danger: true,
    });
    if (reason === null) {
        return;
    }
    await command($('#status-form'), `cancel-${orderId}`, path('/status'), { status: 'CANCELLED', note: reason },
        'Cancellation requested…', (o) => o.status === 'CANCELLED', () => 'The order is cancelled.');
}

async function refund(event) {
    event.preventDefault();
    const form = $('#refund-form');
    clearFieldErrors(form);
    const currency = order.totals.currency;
    const partial = $('#refund-partial').checked;
    const full = $('#refund-full').checked;
    let amountMinor = null;
    let problems = 0;
    if (!partial && !full) {
        setFieldError($('#refund-partial'), 'Choose an amount, or a full refund of what is left.');
        problems++;
    }
    if (partial) {
        amountMinor = parseMoney($('#refund-amount').value, currency);
        if (amountMinor === null || amountMinor <= 0) {
            setFieldError($('#refund-amount'), `Enter an amount like ${toDecimal(1050, currency)}.`);
            problems++;
        } else if (amountMinor > refundable()) {
            setFieldError($('#refund-amount'), `At most ${money(refundable(), currency)} can be refunded.`);
            problems++;
        }
    }
    if (!$('#refund-reason').value.trim()) {
        setFieldError($('#refund-reason'), 'Give a reason for the refund.');
        problems++;
    }
    if (problems) {
        focusFirstInvalid(form);
        return;
    }
    const before = order.payment ? order.payment.refundedMinor || 0 : 0;
    const amount = partial ? amountMinor : refundable();
    const stays = refundable() - amount;
    const p = order.payment || {};
    const to = [p.provider === 'sandbox' ? 'the sandbox payment' : p.provider, p.last4 ? `card •••• ${p.last4}` : null]
        .filter(Boolean).join(', ');
    const confirmed = await confirmDialog({
        title: `Refund ${money(amount, currency)}${full ? ' (everything that is left)' : ''}?`,
        text: `${money(amount, currency)} goes back to the customer${to ? ' (' + to + ')' : ''}. `
            + (stays > 0 ? `${money(stays, currency)} stays captured.` : 'Nothing stays captured: the order is fully refunded.')
            + ' The stock is not changed by a refund. Reason: ' + $('#refund-reason').value.trim(),
        confirmLabel: `Refund ${money(amount, currency)}`, danger: true,
    });
    if (confirmed === null) {
        return;
    }
    const body = { amountMinor, reason: $('#refund-reason').value.trim() };
    const ok = await command(form, `refund-${orderId}`, path('/refunds'), body, 'Refund requested; waiting for the payment gateway…',
        (o) => o.payment && (o.payment.refundedMinor || 0) > before,
        (o) => `Refunded ${money(o.payment.refundedMinor - before, currency)}.`);
    if (ok) {
        $('#refund-amount').value = '';
        $('#refund-reason').value = '';
        $('#refund-partial').checked = false;
        $('#refund-full').checked = false;
        $('#refund-amount-field').hidden = true;
    }
}

async function addNote(event) {
    event.preventDefault();
    const form = $('#note-form');
    clearFieldErrors(form);
    const note = $('#admin-note').value.trim();
    if (!note) {
        setFieldError($('#admin-note'), 'Write the note first.');
        $('#admin-note').focus();
        return;
    }
    const count = (order.adminNotes || []).length;
    const ok = await command(form, `note-${orderId}`, path('/notes'), { note }, 'Saving the note…',
        (o) => (o.adminNotes || []).length > count, () => 'Note added.');
    if (ok) {
        form.reset();
    }
}

function setLive(mode) {
    const live = $('#live');
    live.dataset.mode = mode;
    live.classList.toggle('on', mode === 'live');
    live.textContent = { live: 'Live updates', polling: 'Checked every 15 seconds' }[mode] || '';
}

/** Reads the order again and redraws it (and its audit trail) when it changed; not while a command re-reads it. */
async function refresh() {
    if (busy || !order) {
        return;
    }
    try {
        const fresh = await readOrder();
        if (!busy && (fresh.updatedAt !== order.updatedAt || fresh.status !== order.status
                || fresh.paymentStatus !== order.paymentStatus)) {
            render(fresh);
            loadAudit();
        }
    } catch {
        // the next event or tick tries again; a failing server is said by the commands the admin runs
    }
}

/** Follows the order's event stream while the checkout runs; afterwards (or without a stream) the 15 s re-read. */
function follow() {
    streaming = true;
    openStream(`/api/v1/orders/${encodeURIComponent(orderId)}/stream`, {
        onOpen: () => setLive('live'),
        onEvent: (event) => {
            if (event.event === 'order' || event.event === 'end') {
                refresh();
            }
        },
        onClose: () => {
            streaming = false;
            setLive('polling');
        },
    });
    setInterval(() => {
        if (!streaming && !document.hidden) {
            refresh();
        }
    }, POLL_MS);
}

renderHeader();
if (!isAdmin()) {
    signInNeeded($('#content'), 'Order administration', true);
} else if (!orderId) {
    $('#loading').hidden = true;
    showMessage(message, 'No order was named; pick one from the order list.');
} else {
    $('#new-status').addEventListener('change', showTrackingFields);
    $('#status-form').addEventListener('submit', changeStatus);
    $('#admin-cancel').addEventListener('click', cancelOrder);
    $('#refund-form').addEventListener('submit', refund);
    $('#note-form').addEventListener('submit', addNote);
    $('#refund-form').addEventListener('change', () => {
        $('#refund-amount-field').hidden = !$('#refund-partial').checked;
    });
    load().then(follow);
}
