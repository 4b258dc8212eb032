// Discount codes: the list with each code's terms and uses (held by unpaid orders, used by paid ones), create a code
// (POST /api/v1/admin/discounts) and change one (PATCH /api/v1/admin/discounts/{code}, a JSON merge patch: an
// emptied optional field is sent as null, which removes that bound). Inputs are named after the API's fields.

import { ApiError, api, itemsOf } from '../api.js';
import { isAdmin } from '../auth.js';
import { money, number } from '../format.js';
import {
    $, clear, clearFieldErrors, focusFirstInvalid, h, placeFieldErrors, renderHeader, showMessage, signInNeeded,
} from '../ui.js';

const message = $('#message');
const form = $('#discount-form');
let editing = null;

async function load() {
    try {
        render(itemsOf(await api('/api/v1/admin/discounts')));
    } catch (e) {
        showMessage(message, e);
    }
}

function describeValue(d) {
    return d.type === 'percent' ? `${d.value / 100} %` : money(d.value, d.currency);
}

function validity(d) {
    if (!d.validFrom && !d.validUntil) {
        return 'Always';
    }
    return `${d.validFrom ? d.validFrom.replace('T', ' ').replace('Z', ' UTC') : '…'} – `
        + `${d.validUntil ? d.validUntil.replace('T', ' ').replace('Z', ' UTC') : '…'}`;
}

function render(discounts) {
    $('#discount-count').textContent = `${discounts.length} discount codes.`;
    const container = clear($('#discounts'));
    if (!discounts.length) {
        container.append(h('p', { class: 'panel', id: 'no-discounts' }, 'No discount codes yet.'));
        return;
    }
    container.append(h('table', { id: 'discount-table' },
        h('caption', { class: 'visually-hidden' }, 'Discount codes with their terms and uses'),
        h('thead', {}, h('tr', {}, ['Code', 'Discount', 'Valid', 'Limits', 'Minimum', 'Uses (held + paid)', 'State', '']
            .map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, discounts.map((d) => {
            const edit = h('button', { type: 'button', class: 'secondary', dataset: { testid: `discount-edit-${d.code}` } }, 'Edit');
            edit.setAttribute('aria-label', `Edit ${d.code}`);
            edit.addEventListener('click', () => startEditing(d));
            const limits = [d.maxUses ? `${number(d.maxUses)} in all` : null,
                d.maxUsesPerCustomer ? `${number(d.maxUsesPerCustomer)} per customer` : null].filter(Boolean);
            return h('tr', { dataset: { testid: `discount-row-${d.code}`, code: d.code } },
                h('td', {}, d.code),
                h('td', {}, describeValue(d)),
                h('td', {}, validity(d)),
                h('td', {}, limits.length ? limits.join(', ') : 'None'),
                h('td', { class: 'num' }, d.minimumSubtotalMinor ? money(d.minimumSubtotalMinor, d.currency) : '—'),
                h('td', { class: 'num', dataset: { testid: `discount-uses-${d.code}` } },
                    `${number(d.usesReserved)} + ${number(d.usesConfirmed)}`),
                h('td', {}, d.active ? 'Active' : h('span', { class: 'badge' }, 'Inactive')),
                h('td', {}, edit));
        }))));
}

const toInput = (instant) => (instant ? instant.replace(/Z$/, '').slice(0, 16) : '');
const fromInput = (value) => (value ? `${value.length === 16 ? value + ':00' : value}Z` : null);
const optionalNumber = (input) => (input.value === '' ? null : Number(input.value));

function startEditing(d) {
    editing = d.code;
    form.elements.code.value = d.code;
    form.elements.code.readOnly = true;
    form.elements.type.value = d.type;
    form.elements.value.value = String(d.value);
    form.elements.currency.value = d.currency || '';
    form.elements.validFrom.value = toInput(d.validFrom);
    form.elements.validUntil.value = toInput(d.validUntil);
    form.elements.maxUses.value = d.maxUses ?? '';
    form.elements.maxUsesPerCustomer.value = d.maxUsesPerCustomer ?? '';
    form.elements.minimumSubtotalMinor.value = d.minimumSubtotalMinor || '';
    form.elements.active.checked = d.active;
    $('#discount-form-title').textContent = `Edit ${d.code}`;
    $('#discount-save').textContent = 'Save changes';
    $('#discount-new').hidden = false;
    $('#discount-panel').open = true;
    form.elements.value.focus();
}

function startNew() {
    editing = null;
    form.reset();
    form.elements.code.readOnly = false;
    $('#discount-form-title').textContent = 'New discount code';
    $('#discount-save').textContent = 'Create code';
    $('#discount-new').hidden = true;
}

function body() {
    const e = form.elements;
    return {
        type: e.type.value,
        value: optionalNumber(e.value),
        currency: e.currency.value.trim().toUpperCase() || null,
        validFrom: fromInput(e.validFrom.value),
        validUntil: fromInput(e.validUntil.value),
        maxUses: optionalNumber(e.maxUses),
        maxUsesPerCustomer: optionalNumber(e.maxUsesPerCustomer),
        minimumSubtotalMinor: optionalNumber(e.minimumSubtotalMinor),
        active: e.active.checked,
    };
}

async function save(event) {
    event.preventDefault();
    clearFieldErrors(form);
    showMessage(message, null);
    const button = $('#discount-save');
    button.disabled = true;
    try {
        if (editing) {
            await api(`/api/v1/admin/discounts/${encodeURIComponent(editing)}`, { method: 'PATCH', body: body() });
            showMessage(message, `Saved ${editing}.`, 'ok');
        } else {
            const code = form.elements.code.value.trim();
            await api('/api/v1/admin/discounts', { method: 'POST', body: { code, ...body() } });
            showMessage(message, `Created ${code}.`, 'ok');
        }
        startNew();
        await load();
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

renderHeader();
if (!isAdmin()) {
    signInNeeded($('#content'), 'Discount codes', true);
} else {
    form.addEventListener('submit', save);
    $('#discount-new').addEventListener('click', startNew);
    load();
}
