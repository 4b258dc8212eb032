// Admin order table: the filters, search, sort and paging of GET /api/v1/admin/orders
// (?status&paymentStatus&from&to&q&sort&page&size); the filters live in the page's URL so links and "back" work.
// The page reads the list again while it is visible and the filters are not being edited, and redraws it only when it
// changed (the engine has no stream of all orders; one per order would not scale to a list): every 3 seconds while a
// shown order is still in its checkout (it moves on within seconds), otherwise every 15 seconds.

import { api } from '../api.js';
import { isAdmin } from '../auth.js';
import { ORDER_STATUSES, PAYMENT_STATUSES, PAYMENT_WORDS, STATUS_WORDS, dateTime, money, statusBadge } from '../format.js';
import { $, clear, clearFieldErrors, h, pager, renderHeader, setFieldError, showMessage, signInNeeded } from '../ui.js';

const form = $('#filters');
const message = $('#message');
const FIELDS = ['q', 'status', 'paymentStatus', 'sort', 'from', 'to', 'size'];
const REFRESH_MS = 15_000;
const IN_CHECKOUT_REFRESH_MS = 3_000;
const IN_CHECKOUT = ['PENDING', 'AWAITING_PAYMENT'];
let shownPage = 0;
let shown = null;
let inCheckout = false;

function readUrl() {
    const params = new URLSearchParams(location.search);
    FIELDS.forEach((name) => {
        if (params.has(name)) {
            form.elements[name].value = params.get(name);
        }
    });
    return Number(params.get('page') || 0);
}

function filters(page) {
    const value = (name) => form.elements[name].value.trim();
    // from and to are whole UTC days; the server reads "to" as inclusive
    return {
        status: value('status'), paymentStatus: value('paymentStatus'), q: value('q'), sort: value('sort'),
        from: value('from'), to: value('to'), page, size: value('size'),
    };
}

async function load(page, quietly = false) {
    shownPage = page;
    clearFieldErrors(form);
    if (form.elements.from.value && form.elements.to.value && form.elements.to.value < form.elements.from.value) {
        setFieldError(form.elements.to, 'The end day must not be before the start day.');
        return;
    }
    const url = new URLSearchParams();
    FIELDS.forEach((name) => {
        if (form.elements[name].value) {
            url.set(name, form.elements[name].value);
        }
    });
    url.set('page', page);
    history.replaceState(null, '', '?' + url.toString());
    try {
        const answer = await api('/api/v1/admin/orders', { query: filters(page) });
        showMessage(message, null);
        const text = JSON.stringify(answer);
        if (!quietly || text !== shown) {
            shown = text;
            render(answer);
        }
        inCheckout = answer.items.some((o) => IN_CHECKOUT.includes(o.status));
        $('#updated').textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
        if (!quietly) {
            showMessage(message, e);
        }
    }
}

function render(answer) {
    const container = clear($('#orders'));
    if (!answer.items.length) {
        container.append(h('p', { class: 'panel', id: 'no-orders' }, 'No orders match these filters.'));
    } else {
        container.append(h('table', { id: 'orders-table' },
            h('caption', { class: 'visually-hidden' }, 'Orders'),
            h('thead', {}, h('tr', {}, ['Order', 'Placed', 'Customer', 'Status', 'Payment', 'Items', 'Total']
                .map((label, i) => h('th', { scope: 'col', class: i >= 5 ? 'num' : null }, label)))),
            h('tbody', {}, answer.items.map((o) => h('tr', { dataset: { orderId: o.orderId, status: o.status } },
                h('td', {}, h('a', { href: '/admin/order.html?id=' + encodeURIComponent(o.orderId) }, o.orderNumber)),
                h('td', { class: 'nowrap' }, dateTime(o.placedAt)),
                h('td', {}, o.customerName || '—', h('div', { class: 'small muted' }, o.customerEmail || '')),
                h('td', {}, statusBadge(o.status)),
                h('td', {}, statusBadge(o.paymentStatus, PAYMENT_WORDS)),
                h('td', { class: 'num' }, String(o.itemCount)),
                h('td', { class: 'num' }, money(o.totalMinor, o.currency)))))));
    }
    pager($('#pager'), answer, load, 'orders');
}

renderHeader();
if (!isAdmin()) {
    signInNeeded($('#content'), 'The order list', true);
} else {
    ORDER_STATUSES.forEach((s) => form.elements.status.append(h('option', { value: s }, STATUS_WORDS[s])));
    PAYMENT_STATUSES.forEach((s) => form.elements.paymentStatus.append(h('option', { value: s }, PAYMENT_WORDS[s])));
    const page = readUrl();
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        load(0);
    });
    form.addEventListener('reset', () => setTimeout(() => load(0)));
    ['status', 'paymentStatus', 'sort', 'size'].forEach((name) =>
        form.elements[name].addEventListener('change', () => load(0)));
    const again = async () => {
        if (!document.hidden && !form.contains(document.activeElement)) {
            await load(shownPage, true);
        }
        setTimeout(again, inCheckout ? IN_CHECKOUT_REFRESH_MS : REFRESH_MS);
    };
    load(page).then(() => setTimeout(again, inCheckout ? IN_CHECKOUT_REFRESH_MS : REFRESH_MS));
}
