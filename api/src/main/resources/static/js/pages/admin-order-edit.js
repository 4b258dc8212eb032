// Admin order detail, "Edit order": change quantities, remove lines, add a SKU or ship elsewhere, preview what the
// edit does (POST /api/v1/admin/orders/{id}/edits with dryRun, nothing changes), then apply exactly that edit (the
// same changes without dryRun, sent once with an Idempotency-Key). The engine refuses an edit once the order shipped
// and names the status; a shortage of stock is listed and nothing changes.

import { ApiError, api, postOnce } from '../api.js';
import { isAdmin } from '../auth.js';
import { dateTime, money } from '../format.js';
import {
    $, clear, clearFieldErrors, focusFirstInvalid, h, param, placeFieldErrors, showMessage,
} from '../ui.js';

const orderId = param('id');
const EDITABLE = ['AWAITING_PAYMENT', 'CONFIRMED', 'PROCESSING'];
const EDIT_STATUS_WORDS = {
    SETTLED: 'settled', REFUND_PENDING: 'refund under way', AWAITING_BALANCE: 'balance due',
    ROLLED_BACK: 'rolled back (balance not paid)', CANCELLED: 'cancelled with the order',
};
let order = null;
let previewed = null;

function path() {
    return `/api/v1/admin/orders/${encodeURIComponent(orderId)}/edits`;
}

// The changes the form asks for now, in the order they are sent. Each input whose value is sent carries, as its name
// and data-field, the API path it is sent at (changes[0].quantity, changes[1].sku…), so a 400 for that path is shown
// at that input; an input whose value is not sent (unchanged, or a line removed by its 0) has no name.
function changes() {
    const list = [];
    const sentAt = (input, field) => {
        const at = `changes[${list.length - 1}].${field}`;
        input.name = at;
        input.dataset.field = at;
    };
    const notSent = (input) => {
        input.removeAttribute('name');
        delete input.dataset.field;
    };
    for (const line of order.lines) {
        const input = document.querySelector(`[data-testid="edit-qty-${CSS.escape(line.sku)}"]`);
        const quantity = Number.parseInt(input.value, 10);
        if (Number.isNaN(quantity) || quantity === line.quantity) {
            notSent(input);
        } else if (quantity === 0) {
            list.push({ type: 'remove_line', sku: line.sku });
            notSent(input);
        } else {
            list.push({ type: 'set_quantity', sku: line.sku, quantity });
            sentAt(input, 'quantity');
        }
    }
    const sku = $('#edit-add-sku').value.trim();
    if (sku) {
        list.push({ type: 'add_line', sku, quantity: Number.parseInt($('#edit-add-qty').value, 10) || 1 });
        sentAt($('#edit-add-sku'), 'sku');
        sentAt($('#edit-add-qty'), 'quantity');
    } else {
        notSent($('#edit-add-sku'));
        notSent($('#edit-add-qty'));
    }
    return list;
}

function body(dryRun) {
    return { changes: changes(), note: $('#edit-note').value.trim() || null, dryRun };
}

function renderForm() {
    const form = $('#edit-form');
    const editable = EDITABLE.includes(order.status);
    $('#edit-closed').hidden = editable;
    form.hidden = !editable;
    const rows = order.lines.map((line, i) => h('tr', {},
        h('td', {}, `${line.name} (${line.sku})`),
        h('td', { class: 'num' }, money(line.unitPriceMinor, order.totals.currency)),
        h('td', {}, h('input', {
            id: `edit-qty-${i}`, type: 'number', min: '0', max: '1000', value: String(line.quantity),
            'aria-label': `Quantity of ${line.sku}`, 'data-testid': `edit-qty-${line.sku}`,
        }))));
    clear($('#edit-lines')).append(h('table', {}, h('thead', {}, h('tr', {},
        h('th', {}, 'Item'), h('th', { class: 'num' }, 'Price'), h('th', {}, 'Quantity (0 removes)'))), h('tbody', {}, rows)));
}

// every edit of the order with its status (data-testid edit-status-<editId>), newest first
function renderEdits() {
    const edits = (order.edits || []).slice().reverse();
    const list = clear($('#edit-history'));
    if (!edits.length) {
        list.append(h('p', { class: 'muted' }, 'Not edited yet.'));
        return;
    }
    const currency = order.totals.currency;
    list.append(h('ul', {}, edits.map((edit) => h('li', { 'data-testid': `edit-${edit.editId}` },
        `Version ${edit.version}, ${dateTime(edit.at)}${edit.actor ? ', ' + edit.actor.id : ''}`
            + (edit.balanceMinor ? `, difference ${money(edit.balanceMinor, currency)}` : '')
            + (edit.note ? ` — ${edit.note}` : '') + ': ',
        h('strong', { 'data-testid': `edit-status-${edit.editId}`, 'data-status': edit.status },
            EDIT_STATUS_WORDS[edit.status] || edit.status)))));
}

function renderPreview(answer) {
    const currency = answer.currency;
    const rows = answer.lines.map((line) => h('tr', {},
        h('td', {}, line.sku), h('td', {}, line.change),
        h('td', { class: 'num' }, String(line.quantityBefore)), h('td', { class: 'num' }, String(line.quantity)),
        h('td', { class: 'num' }, money(line.lineTotalMinor, currency))));
    const result = clear($('#edit-preview-result'));
    result.append(
        h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'SKU'), h('th', {}, 'Change'), h('th', { class: 'num' }, 'Before'),
            h('th', { class: 'num' }, 'After'), h('th', { class: 'num' }, 'Line total'))), h('tbody', {}, rows)),
        h('p', { 'data-testid': 'edit-totals' },
            `Total ${money(answer.before.totalMinor, currency)} → ${money(answer.after.totalMinor, currency)}; `
            + (answer.balanceMinor < 0 ? `${money(-answer.balanceMinor, currency)} is refunded.`
                : answer.balanceMinor > 0 ? `the customer owes ${money(answer.balanceMinor, currency)}.` : 'no difference.')),
    );
    if (answer.shortages.length) {
        result.append(h('p', { class: 'message error', 'data-testid': 'edit-shortages' }, 'Not enough stock: '
            + answer.shortages.map((s) => `${s.sku} (asked ${s.requested}, ${s.available} available)`).join(', ')));
    }
    result.hidden = false;
    $('#edit-commit').disabled = answer.shortages.length > 0;
}

async function preview(event) {
    event.preventDefault();
    clearFieldErrors($('#edit-form'));
    showMessage($('#edit-message'), null);
    // the last preview was of another edit: it goes until this one's answer is shown
    $('#edit-preview-result').hidden = true;
    $('#edit-commit').disabled = true;
    const sent = body(true);
    if (!sent.changes.length) {
        showMessage($('#edit-message'), 'Change a quantity, add a SKU, or both; then preview.');
        return;
    }
    try {
        const answer = await api(path(), { method: 'POST', body: sent });
        previewed = sent;
        renderPreview(answer);
    } catch (e) {
        if (e instanceof ApiError) {
            placeFieldErrors($('#edit-form'), e);
        }
        showMessage($('#edit-message'), e);
        focusFirstInvalid($('#edit-form'));
    }
}

async function commit() {
    if (!previewed) {
        return;
    }
    const sent = { ...previewed, dryRun: false };
    $('#edit-commit').disabled = true;
    try {
        const answer = await postOnce(`edit-${orderId}`, path(), sent);
        showMessage($('#edit-message'), `Edited: the order is now at version ${answer.version}.`, 'ok');
        previewed = null;
        setTimeout(() => window.location.reload(), 1500);
    } catch (e) {
        showMessage($('#edit-message'), e instanceof ApiError ? e : String(e));
        $('#edit-commit').disabled = false;
    }
}

// an edit whose refund is on its way settles within moments: its status is read again until it has (at most a minute)
async function followRefunds(tries = 30) {
    if (tries === 0 || !(order.edits || []).some((edit) => edit.status === 'REFUND_PENDING')) {
        return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    try {
        order = await api(`/api/v1/admin/orders/${encodeURIComponent(orderId)}`);
        renderEdits();
    } catch {
        // the next try reads again
    }
    followRefunds(tries - 1);
}

if (isAdmin() && orderId) {
    api(`/api/v1/admin/orders/${encodeURIComponent(orderId)}`).then((fresh) => {
        order = fresh;
        $('#edit-panel').hidden = false;
        renderEdits();
        renderForm();
        followRefunds();
    }).catch(() => {});
    $('#edit-form').addEventListener('submit', preview);
    $('#edit-commit').addEventListener('click', commit);
    $('#edit-form').addEventListener('input', () => {
        changes(); // names the inputs after the paths their values are now sent at
        previewed = null;
        $('#edit-commit').disabled = true;
    });
}
