// The admin order page's parcels and returns: a "Delivered" button per parcel on its way, and per REQUESTED return a
// receipt form (quantity and restock per line, refund shipping, note) and a reject form. Field names are the API's
// field paths; data-testid hooks name each control by its shipment or return id.
import { h, clear } from './ui.js';
import { dateTime, money } from './format.js';

/**
 * Renders into {@code container}; {@code act(form, slot, path, body, waitingText, done, doneText)} runs a command and
 * re-reads the order (the page's own command runner).
 */
export function renderFulfilment(container, order, act) {
    clear(container);
    const currency = order.totals.currency;
    const shipments = order.shipments || [];
    const returns = order.returns || [];
    if (!shipments.length && !returns.length) {
        container.append(h('p', { class: 'muted' }, 'Nothing has shipped yet.'));
        return;
    }
    shipments.forEach((shipment) => container.append(parcel(order, shipment, act)));
    returns.forEach((ret) => container.append(returnBlock(order, ret, currency, act)));
}

function parcel(order, shipment, act) {
    const lines = shipment.lines.map((line) => `${line.quantity} × ${line.name || line.sku}`).join(', ');
    const form = h('form', { class: 'parcel', 'data-testid': `shipment-${shipment.shipmentId}`,
        'data-status': shipment.deliveredAt ? 'DELIVERED' : 'SHIPPED', novalidate: true },
        h('h3', {}, `Parcel ${shipment.shipmentId}`),
        h('p', {}, [lines, [shipment.carrier, shipment.trackingNumber].filter(Boolean).join(' '),
            `shipped ${dateTime(shipment.shippedAt)}`,
            shipment.deliveredAt ? `delivered ${dateTime(shipment.deliveredAt)}` : 'on its way'].filter(Boolean).join(' · ')),
        h('div', { class: 'message form-message', tabindex: '-1', hidden: true }));
    if (!shipment.deliveredAt) {
        const button = h('button', { type: 'submit', 'data-testid': `deliver-${shipment.shipmentId}` }, 'Delivered');
        form.insertBefore(h('div', { class: 'actions' }, button), form.lastChild);
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            act(form, `deliver-${order.orderId}-${shipment.shipmentId}`,
                `/api/v1/admin/orders/${order.orderId}/shipments/${shipment.shipmentId}/delivered`, {},
                'Delivery recorded…',
                (o) => (o.shipments || []).some((s) => s.shipmentId === shipment.shipmentId && s.deliveredAt),
                () => `Parcel ${shipment.shipmentId} is delivered.`);
        });
    }
    return form;
}

function returnBlock(order, ret, currency, act) {
    const block = h('div', { class: 'return', 'data-testid': `return-${ret.returnId}`, 'data-status': ret.status },
        h('h3', {}, `Return ${ret.returnId} — ${ret.status.toLowerCase()}`),
        h('p', {}, [ret.lines.map((line) => `${line.quantity} × ${line.sku}${line.reason ? ` (${line.reason})` : ''}`
            + (line.restock === null || line.restock === undefined ? '' : line.restock ? ', restocked' : ', not restocked')).join('; '),
            `asked ${dateTime(ret.requestedAt)}`,
            ret.receivedAt ? `received ${dateTime(ret.receivedAt)}, refund ${money(ret.refundMinor, currency)}` : null]
            .filter(Boolean).join(' · ')));
    if (ret.status !== 'REQUESTED') {
        return block;
    }
    const receive = h('form', { novalidate: true, 'data-testid': `receive-form-${ret.returnId}` },
        ...ret.lines.map((line, i) => h('fieldset', {},
            h('legend', {}, line.sku),
            h('input', { type: 'hidden', name: `lines[${i}].sku`, value: line.sku }),
            h('label', {}, 'Received ', h('input', { type: 'number', min: '0', max: String(line.quantity),
                value: String(line.quantity), name: `lines[${i}].quantity`, 'data-field': `lines[${i}].quantity` })),
            h('label', {}, h('input', { type: 'checkbox', name: `lines[${i}].restock`, checked: true,
                'data-testid': `restock-${ret.returnId}-${i}` }), ' Back on hand (not damaged)'))),
        h('label', {}, h('input', { type: 'checkbox', name: 'refundShipping' }), ' Refund the shipping too'),
        h('label', {}, 'Note ', h('input', { name: 'note', maxlength: '1000', 'data-field': 'note' })),
        h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-testid': `receive-${ret.returnId}` }, 'Receive')),
        h('div', { class: 'message form-message', tabindex: '-1', hidden: true }));
    receive.addEventListener('submit', (event) => {
        event.preventDefault();
        const lines = ret.lines.map((line, i) => ({
            sku: line.sku,
            quantity: Number(receive.elements[`lines[${i}].quantity`].value),
            restock: receive.elements[`lines[${i}].restock`].checked,
        })).filter((line) => line.quantity > 0);
        act(receive, `receive-${order.orderId}-${ret.returnId}`,
            `/api/v1/admin/orders/${order.orderId}/returns/${ret.returnId}/receive`,
            { lines, refundShipping: receive.elements.refundShipping.checked, note: receive.elements.note.value.trim() || null },
            'Return received; the refund goes to the payment gateway…',
            (o) => (o.returns || []).some((r) => r.returnId === ret.returnId && settled(o, r)),
            (o) => ((o.returns || []).some((r) => r.returnId === ret.returnId && r.status === 'REFUNDED')
                ? `Return ${ret.returnId} is received and refunded.` : `Return ${ret.returnId} is received.`));
    });
    const reject = h('form', { novalidate: true, 'data-testid': `reject-form-${ret.returnId}` },
        h('label', {}, 'Reason ', h('input', { name: 'reason', maxlength: '1000', 'data-field': 'reason' })),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'danger', 'data-testid': `reject-${ret.returnId}` }, 'Reject')),
        h('div', { class: 'message form-message', tabindex: '-1', hidden: true }));
    reject.addEventListener('submit', (event) => {
        event.preventDefault();
        act(reject, `reject-${order.orderId}-${ret.returnId}`,
            `/api/v1/admin/orders/${order.orderId}/returns/${ret.returnId}/reject`,
            { reason: reject.elements.reason.value.trim() || null }, 'Rejecting the return…',
            (o) => (o.returns || []).some((r) => r.returnId === ret.returnId && r.status === 'REJECTED'),
            () => `Return ${ret.returnId} is rejected.`);
    });
    block.append(receive, reject);
    return block;
}

/**
 * A received return is settled once its refund is through, when nothing is to be refunded, or when the refund failed
 * and the order waits for a person; until then the page keeps re-reading after "Receive".
 */
function settled(order, ret) {
    return ret.status === 'REFUNDED' || ret.status === 'REJECTED'
        || (ret.status === 'RECEIVED' && (!(ret.refundMinor > 0) || order.status === 'ATTENTION'));
}
