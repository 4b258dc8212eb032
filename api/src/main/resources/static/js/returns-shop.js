// The customer's order page: the order's returns, and "Return items" while shipped units may come back (the engine
// checks the window and what is left, and its answer is shown). Field names are the API's field paths.
import { postOnce } from './api.js';
import { dateTime, money } from './format.js';
import { clear, h, showMessage } from './ui.js';

const RETURNABLE = ['SHIPPED', 'DELIVERED', 'PARTIALLY_RETURNED'];

/** Units by SKU shipped and not returned or asked to be (rejected returns do not count). */
function returnable(order) {
    const left = {};
    (order.shipments || []).forEach((s) => s.lines.forEach((l) => { left[l.sku] = (left[l.sku] || 0) + l.quantity; }));
    (order.returns || []).filter((r) => r.status !== 'REJECTED')
        .forEach((r) => r.lines.forEach((l) => { left[l.sku] = (left[l.sku] || 0) - l.quantity; }));
    return Object.entries(left).filter(([, quantity]) => quantity > 0);
}

/** What the customer had typed into an open return form, so that a live update of the order does not wipe it. */
function draftOf(section) {
    const form = section.querySelector('[data-testid="return-form"]');
    if (!form || form.hidden) {
        return null;
    }
    return Object.fromEntries([...form.elements].filter((e) => e.name).map((e) => [e.name, e.value]));
}

/** The answer to the last return sent, shown again after the re-read that follows it. */
let sent = null;

/**
 * Renders into {@code section} (hidden when there is nothing to show); {@code reload()} reads the order again. An open
 * form stays open with what was typed when the order is drawn again (live updates redraw the page).
 */
export function renderReturns(section, order, query, reload) {
    const draft = draftOf(section);
    const body = clear(section);
    const returns = order.returns || [];
    const left = RETURNABLE.includes(order.status) ? returnable(order) : [];
    section.hidden = !returns.length && !left.length;
    body.append(h('h2', { id: 'returns-heading' }, 'Returns'));
    const names = Object.fromEntries((order.lines || []).map((l) => [l.sku, l.name]));
    returns.forEach((r) => body.append(h('p', { 'data-testid': `return-${r.returnId}`, 'data-status': r.status },
        `Return ${r.returnId}: ${r.status.toLowerCase()} · `
        + r.lines.map((l) => `${l.quantity} × ${names[l.sku] || l.sku}`).join(', ')
        + ` · asked ${dateTime(r.requestedAt)}`
        + (r.receivedAt ? ` · refund ${money(r.refundMinor, order.totals.currency)}` : ''))));
    const message = h('div', { class: 'message', tabindex: '-1', hidden: true });
    if (sent && sent.orderId === order.orderId) {
        showMessage(message, sent.text, 'ok');
    }
    if (!left.length) {
        body.append(message);
        return;
    }
    const form = h('form', { novalidate: true, 'data-testid': 'return-form', hidden: true },
        ...left.map(([sku, quantity], i) => h('fieldset', {},
            h('legend', {}, names[sku] || sku),
            h('input', { type: 'hidden', name: `lines[${i}].sku`, value: sku }),
            h('label', {}, 'How many ', h('input', { type: 'number', min: '0', max: String(quantity), value: '0',
                name: `lines[${i}].quantity`, 'data-field': `lines[${i}].quantity` })),
            h('label', {}, 'Why ', h('input', { name: `lines[${i}].reason`, maxlength: '500',
                'data-field': `lines[${i}].reason` })))),
        h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-testid': 'send-return' }, 'Send the return')));
    const open = h('button', { type: 'button', 'data-testid': 'return-items' }, 'Return items');
    open.addEventListener('click', () => { form.hidden = false; open.hidden = true; });
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const lines = left.map(([sku], i) => ({
            sku,
            quantity: Number(form.elements[`lines[${i}].quantity`].value),
            reason: form.elements[`lines[${i}].reason`].value.trim() || null,
        })).filter((l) => l.quantity > 0);
        if (!lines.length) {
            showMessage(message, 'Choose how many units you send back.', 'error');
            return;
        }
        try {
            const answer = await postOnce(`return-${order.orderId}`, `/api/v1/orders/${order.orderId}/returns`,
                { lines }, { query });
            sent = { orderId: order.orderId,
                text: `Return ${answer.returnId} is registered; send the items back to the shop.` };
            form.reset();
            form.hidden = true;
            open.hidden = false;
            showMessage(message, sent.text, 'ok');
            reload();
        } catch (e) {
            showMessage(message, e);
        }
    });
    if (draft) {
        // typed values go back to the same SKU's fields only (what is left to return may have changed meanwhile)
        left.forEach(([sku], i) => {
            if (draft[`lines[${i}].sku`] === sku) {
                ['quantity', 'reason'].forEach((f) => { form.elements[`lines[${i}].${f}`].value = draft[`lines[${i}].${f}`]; });
            }
        });
        form.hidden = false;
        open.hidden = true;
    }
    body.append(open, form, message);
}
