// Order history of the signed-in customer: newest first, paged, filtered by status, cancel where allowed
// (GET /api/v1/orders?status&page&size, POST /api/v1/orders/{id}/cancel). Guests see the order links kept in this
// browser instead.

import { api } from '../api.js';
import { session } from '../auth.js';
import { ORDER_STATUSES, STATUS_WORDS, dateTime, money, statusBadge } from '../format.js';
import { CUSTOMER_CANCELLABLE, guestOrders, orderLink } from '../orders.js';
import { $, clear, confirmDialog, h, pager, param, renderHeader, showMessage, signInNeeded, until } from '../ui.js';

const PAGE_SIZE = 10;
const message = $('#message');
let state = { status: param('status') || '', page: Number(param('page') || 0) };

function row(order) {
    const cancel = CUSTOMER_CANCELLABLE.includes(order.status)
        ? h('button', { type: 'button', class: 'secondary', dataset: { cancel: order.orderId } }, 'Cancel') : null;
    if (cancel) {
        cancel.setAttribute('aria-label', `Cancel order ${order.orderNumber}`);
        cancel.addEventListener('click', () => cancelOrder(order));
    }
    return h('tr', { dataset: { orderId: order.orderId, status: order.status } },
        h('td', {}, h('a', { href: orderLink(order.orderId) }, order.orderNumber)),
        h('td', { class: 'nowrap' }, dateTime(order.placedAt)),
        h('td', {}, statusBadge(order.status)),
        h('td', { class: 'num' }, String(order.itemCount)),
        h('td', { class: 'num' }, money(order.totalMinor, order.currency)),
        h('td', {}, cancel));
}

async function load() {
    const query = { status: state.status || null, page: state.page, size: PAGE_SIZE };
    history.replaceState(null, '', '?' + new URLSearchParams({ status: state.status, page: state.page }).toString());
    try {
        const answer = await api('/api/v1/orders', { query });
        render(answer);
        return answer;
    } catch (e) {
        showMessage(message, e);
        return null;
    }
}

function render(answer) {
    const container = clear($('#history'));
    if (!answer.items.length) {
        container.append(h('p', { id: 'no-orders', class: 'panel' }, state.status
            ? `You have no orders with status "${STATUS_WORDS[state.status]}".` : 'You have no orders yet.'));
    } else {
        container.append(h('table', { id: 'orders-table' },
            h('caption', { class: 'visually-hidden' }, 'Your orders, newest first'),
            h('thead', {}, h('tr', {}, ['Order', 'Placed', 'Status', 'Items', 'Total', 'Actions'].map((label, i) =>
                h('th', { scope: 'col', class: i === 3 || i === 4 ? 'num' : null }, label)))),
            h('tbody', {}, answer.items.map(row))));
    }
    pager($('#pager'), answer, (page) => {
        state.page = page;
        load();
    }, 'orders');
}

async function cancelOrder(order) {
    const reason = await confirmDialog({
        title: `Cancel order ${order.orderNumber}?`,
        text: order.status === 'CONFIRMED' ? 'The amount you paid will be refunded.' : 'Nothing will be charged.',
        confirmLabel: 'Cancel order', reasonLabel: 'Why are you cancelling?', danger: true,
    });
    if (reason === null) {
        return;
    }
    try {
        await api(`/api/v1/orders/${encodeURIComponent(order.orderId)}/cancel`, { method: 'POST', body: { reason } });
        showMessage(message, `Cancellation of ${order.orderNumber} requested.`, 'ok');
        await until(load, (answer) => !answer || !answer.items.some((o) => o.orderId === order.orderId
            && CUSTOMER_CANCELLABLE.includes(o.status)));
    } catch (e) {
        showMessage(message, e);
    }
}

function renderGuestOrders() {
    const list = guestOrders();
    if (!list.length) {
        return;
    }
    $('#guest-orders').hidden = false;
    const ul = clear($('#guest-order-list'));
    list.forEach((o) => ul.append(h('li', {}, h('a', { href: orderLink(o.orderId, o.token) }, o.orderNumber),
        ` placed ${dateTime(o.at)}`)));
}

renderHeader();
renderGuestOrders();
if (!session()) {
    signInNeeded($('#content'), 'your order history');
} else {
    const select = $('#status');
    ORDER_STATUSES.forEach((s) => select.append(h('option', { value: s }, STATUS_WORDS[s])));
    select.value = state.status;
    $('#filter').addEventListener('submit', (event) => {
        event.preventDefault();
        state = { status: select.value, page: 0 };
        load();
    });
    load();
}
