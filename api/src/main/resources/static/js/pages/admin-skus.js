// SKUs and stock: the list with stock figures and low-stock highlighting, register a SKU (POST /api/v1/admin/skus),
// adjust stock (POST /api/v1/admin/skus/{sku}/stock {delta, reason}), change price, low-stock threshold and the
// active flag (PATCH /api/v1/admin/skus/{sku}). The stock view follows each change a moment later.

import { ApiError, api, itemsOf } from '../api.js';
import { isAdmin } from '../auth.js';
import { money, number, parseMoney, toDecimal } from '../format.js';
import {
    $, clear, clearFieldErrors, focusFirstInvalid, h, placeFieldErrors, renderHeader, setFieldError, showMessage,
    signInNeeded, until,
} from '../ui.js';

const message = $('#message');
// columns left out on a phone's width (on hand, reserved, low-stock threshold); the manage dialog shows them
const NARROW_HIDDEN = new Set([3, 4, 6]);
let skus = [];
let activeOnly = false;

async function fetchSkus() {
    try {
        const answer = await api('/api/v1/admin/skus', { query: { page: 0, size: 500 } });
        activeOnly = false;
        return itemsOf(answer);
    } catch (e) {
        if (!(e instanceof ApiError && e.endpointMissing)) {
            throw e;
        }
    }
    activeOnly = true;
    return itemsOf(await api('/api/v1/skus', { query: { page: 0, size: 500 } }));
}

async function load() {
    try {
        skus = await fetchSkus();
        render();
    } catch (e) {
        showMessage(message, e);
    }
    return skus;
}

function headerClass(column) {
    const classes = [column >= 2 && column <= 6 ? 'num' : '', NARROW_HIDDEN.has(column) ? 'hide-narrow' : ''];
    return classes.join(' ').trim() || null;
}

function render() {
    const text = $('#sku-search').value.trim().toLowerCase();
    const lowOnly = $('#low-only').checked;
    const shown = skus.filter((s) => (!lowOnly || s.lowStock)
        && (!text || s.sku.toLowerCase().includes(text) || (s.name || '').toLowerCase().includes(text)));
    const low = skus.filter((s) => s.lowStock).length;
    $('#sku-count').textContent = `${skus.length} SKUs, ${low} low on stock.`
        + (activeOnly ? ' Only active SKUs are listed by this server.' : '');
    const container = clear($('#skus'));
    if (!shown.length) {
        container.append(h('p', { class: 'panel', id: 'no-skus' }, 'No SKUs match.'));
        return;
    }
    container.append(h('table', { id: 'sku-table' },
        h('caption', { class: 'visually-hidden' }, 'SKUs with stock; low stock rows are highlighted'),
        h('thead', {}, h('tr', {}, ['SKU', 'Name', 'Price', 'On hand', 'Reserved', 'Available', 'Low at', 'State', '']
            .map((t, i) => h('th', { scope: 'col', class: headerClass(i) }, t)))),
        h('tbody', {}, shown.map((s) => {
            const manage = h('button', { type: 'button', class: 'secondary', dataset: { manage: s.sku } }, 'Manage');
            manage.setAttribute('aria-label', `Manage ${s.sku}`);
            manage.addEventListener('click', () => openManage(s));
            const state = [];
            if (s.lowStock) {
                state.push(h('span', { class: 'badge warn' }, 'Low stock'));
            }
            if (!s.active) {
                state.push(h('span', { class: 'badge' }, 'Inactive'));
            }
            return h('tr', { class: s.lowStock ? 'low-stock' : null, dataset: { sku: s.sku, lowStock: String(s.lowStock) } },
                h('td', {}, s.sku),
                h('td', {}, s.name),
                h('td', { class: 'num', dataset: { col: 'price' } }, money(s.priceMinor, s.currency)),
                h('td', { class: 'num hide-narrow', dataset: { col: 'onHand' } }, number(s.onHand)),
                h('td', { class: 'num hide-narrow', dataset: { col: 'reserved' } }, number(s.reserved)),
                h('td', { class: 'num', dataset: { col: 'available' } }, number(s.available)),
                h('td', { class: 'num hide-narrow' }, number(s.lowStockThreshold)),
                h('td', {}, state.length ? state : 'Active'),
                h('td', {}, manage));
        }))));
}

function parseAttributes(text) {
    const attributes = {};
    for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
        const at = line.indexOf('=');
        if (at <= 0) {
            return null;
        }
        attributes[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    return attributes;
}

async function register(event) {
    event.preventDefault();
    const form = $('#register-form');
    clearFieldErrors(form);
    showMessage(message, null);
    let problems = 0;
    const fail = (input, text) => {
        setFieldError(input, text);
        problems++;
    };
    const code = $('#new-sku');
    code.value = code.value.trim().toUpperCase();
    if (!code.checkValidity()) {
        fail(code, code.validity.valueMissing ? 'Enter a SKU code.' : 'Use capital letters, digits, dots, dashes and underscores.');
    }
    if (!$('#new-name').value.trim()) {
        fail($('#new-name'), 'Enter the name shoppers see.');
    }
    const currency = $('#new-currency');
    currency.value = currency.value.trim().toUpperCase();
    if (!currency.checkValidity()) {
        fail(currency, 'Enter a three-letter currency code, like EUR.');
    }
    const price = parseMoney($('#new-price').value, currency.value || 'EUR');
    if (price === null) {
        fail($('#new-price'), `Enter a price like ${toDecimal(2500, currency.value || 'EUR')}.`);
    }
    const threshold = $('#new-threshold');
    if (!threshold.checkValidity() || threshold.value === '') {
        fail(threshold, 'Enter a whole number of 0 or more.');
    }
    const stock = $('#new-stock');
    if (!stock.checkValidity()) {
        fail(stock, 'Enter a whole number of 0 or more.');
    }
    const attributes = parseAttributes($('#new-attributes').value);
    if (attributes === null) {
        fail($('#new-attributes'), 'Write one attribute per line as name=value.');
    }
    if (!$('#new-image').checkValidity()) {
        fail($('#new-image'), 'Enter a full URL starting with https://.');
    }
    if (problems) {
        focusFirstInvalid(form);
        return;
    }
    const body = {
        sku: code.value, name: $('#new-name').value.trim(), priceMinor: price, currency: currency.value,
        lowStockThreshold: Number(threshold.value), attributes, imageUrl: $('#new-image').value.trim() || null,
    };
    const button = $('#register');
    button.disabled = true;
    try {
        await api('/api/v1/admin/skus', { method: 'POST', body });
        const initial = Number(stock.value || 0);
        if (initial > 0) {
            await api(`/api/v1/admin/skus/${encodeURIComponent(body.sku)}/stock`, {
                method: 'POST', body: { delta: initial, reason: 'initial stock' },
            });
        }
        showMessage(message, `Registered ${body.sku}.`, 'ok');
        form.reset();
        await until(load, (list) => list.some((s) => s.sku === body.sku && s.onHand === initial));
    } catch (e) {
        if (e instanceof ApiError) {
            placeFieldErrors(form, e);
        }
        showMessage(message, e);
        focusFirstInvalid(form);
    } finally {
        button.disabled = false;
    }
}

function manageForm(id, title, fields, submitLabel, onSubmit) {
    const button = h('button', { type: 'submit', id: id + '-submit' }, submitLabel);
    const form = h('form', { id, novalidate: true }, h('h3', {}, title), ...fields, button);
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        clearFieldErrors(form);
        button.disabled = true;
        try {
            await onSubmit(form);
        } catch (e) {
            if (e instanceof ApiError) {
                placeFieldErrors(form, e);
            }
            showMessage(form.closest('dialog').querySelector('.message'), e);
        } finally {
            button.disabled = false;
        }
    });
    return form;
}

function field(id, label, input) {
    input.id = id;
    return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

/** The dialog to adjust stock, change price or threshold, and (de)activate one SKU. */
function openManage(sku) {
    const status = h('div', { class: 'message', hidden: true, id: 'manage-message' });
    const done = async (text, check) => {
        showMessage(status, text + ' Updating the list…', 'ok');
        const list = await until(load, (l) => check(l.find((s) => s.sku === sku.sku) || {}));
        const fresh = list.find((s) => s.sku === sku.sku);
        if (fresh) {
            Object.assign(sku, fresh);
        }
        showMessage(status, text, 'ok');
        facts.textContent = summary();
    };
    const summary = () => `On hand ${sku.onHand}, reserved ${sku.reserved}, available ${sku.available}; `
        + `price ${money(sku.priceMinor, sku.currency)}; low at ${sku.lowStockThreshold}.`;
    const facts = h('p', { id: 'manage-facts' }, summary());

    const delta = h('input', { type: 'number', min: '-1000000', max: '1000000', step: '1', required: true, 'data-field': 'delta' });
    const reason = h('input', { maxlength: '200', required: true, 'data-field': 'reason', value: 'received' });
    const stockForm = manageForm('stock-form', 'Adjust stock', [
        field('stock-delta', 'Change (+ received, − adjustment)', delta),
        field('stock-reason', 'Reason', reason)], 'Apply', async (form) => {
        const value = Number(delta.value);
        if (!Number.isInteger(value) || value === 0) {
            setFieldError(delta, 'Enter a whole number other than 0, like 10 or -2.');
            delta.focus();
            return;
        }
        if (!reason.value.trim()) {
            setFieldError(reason, 'Give a reason.');
            reason.focus();
            return;
        }
        const before = sku.onHand;
        await api(`/api/v1/admin/skus/${encodeURIComponent(sku.sku)}/stock`, {
            method: 'POST', body: { delta: value, reason: reason.value.trim() },
        });
        form.reset();
        await done(`Stock of ${sku.sku} changed by ${value}.`, (s) => s.onHand === before + value);
    });

    const price = h('input', { inputmode: 'decimal', required: true, 'data-field': 'priceMinor', autocomplete: 'off' });
    price.value = toDecimal(sku.priceMinor, sku.currency);
    const priceForm = manageForm('price-form', 'Change price', [field('price-value', `Price (${sku.currency})`, price)],
        'Change price', async () => {
            const minor = parseMoney(price.value, sku.currency);
            if (minor === null) {
                setFieldError(price, `Enter a price like ${toDecimal(2500, sku.currency)}.`);
                price.focus();
                return;
            }
            await api(`/api/v1/admin/skus/${encodeURIComponent(sku.sku)}`, { method: 'PATCH', body: { priceMinor: minor } });
            await done(`Price of ${sku.sku} is now ${money(minor, sku.currency)}.`, (s) => s.priceMinor === minor);
        });

    const threshold = h('input', { type: 'number', min: '0', max: '1000000', required: true, 'data-field': 'lowStockThreshold' });
    threshold.value = String(sku.lowStockThreshold);
    const thresholdForm = manageForm('threshold-form', 'Low-stock threshold',
        [field('threshold-value', 'Highlight when available stock is at or below', threshold)], 'Save', async () => {
            const value = Number(threshold.value);
            if (!threshold.checkValidity() || threshold.value === '') {
                setFieldError(threshold, 'Enter a whole number of 0 or more.');
                return;
            }
            await api(`/api/v1/admin/skus/${encodeURIComponent(sku.sku)}`, {
                method: 'PATCH', body: { lowStockThreshold: value },
            });
            await done(`Low-stock threshold of ${sku.sku} is now ${value}.`, (s) => s.lowStockThreshold === value);
        });

    const activeForm = manageForm('active-form', sku.active ? 'Stop selling' : 'Sell again', [
        h('p', { class: 'hint' }, sku.active ? 'The SKU disappears from the shop; orders already placed are kept.'
            : 'The SKU appears in the shop again.')], sku.active ? 'Deactivate' : 'Activate', async () => {
        const wanted = !sku.active;
        await api(`/api/v1/admin/skus/${encodeURIComponent(sku.sku)}`, { method: 'PATCH', body: { active: wanted } });
        await done(`${sku.sku} is now ${wanted ? 'active' : 'inactive'}.`, (s) => s.active === wanted || (!wanted && !s.sku));
    });

    const close = h('button', { type: 'button', class: 'secondary', id: 'manage-close' }, 'Close');
    const dialog = h('dialog', { 'aria-labelledby': 'manage-title', id: 'manage-dialog' },
        h('h2', { id: 'manage-title' }, `${sku.sku} — ${sku.name}`), facts, status,
        stockForm, priceForm, thresholdForm, activeForm, h('div', { class: 'actions' }, close));
    close.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    delta.focus();
}

renderHeader();
if (!isAdmin()) {
    signInNeeded($('#content'), 'SKU administration', true);
} else {
    $('#register-form').addEventListener('submit', register);
    $('#sku-search').addEventListener('input', render);
    $('#low-only').addEventListener('change', render);
    $('#sku-filter').addEventListener('submit', (event) => event.preventDefault());
    load();
}
