// Cart and checkout: the cart's lines at current catalogue prices, contact, shipping (and billing) address with
// validation at the field, the payment methods the shop offers, discount code and totals, and "Place order and
// pay", which POSTs /api/v1/checkout with an Idempotency-Key kept across double presses and retries.

import { ApiError, api, postOnce } from '../api.js';
import { claimsOf, session } from '../auth.js';
import { cart, emptyCart, MAX_QUANTITY, setQuantity } from '../cart.js';
import { availability, catalogueBySku } from '../catalogue.js';
import { countries } from '../countries.js';
import { money } from '../format.js';
import { rememberGuestOrder } from '../orders.js';
import {
    $, clear, clearFieldError, clearFieldErrors, focusFirstInvalid, h, placeFieldErrors, productImage, renderHeader,
    setFieldError, showMessage, updateCartCount,
} from '../ui.js';

const form = $('#checkout-form');
const message = $('#message');
let catalogue = new Map();
let options = { paymentMethods: ['sandbox'], stripePublishableKey: null, fromServer: false };
let quoteAvailable = true;
let quoteTimer = null;

const ADDRESS_FIELDS = [
    { name: 'fullName', label: 'Full name', required: true, autocomplete: 'name', max: 200 },
    { name: 'phone', label: 'Phone', autocomplete: 'tel', type: 'tel', max: 32, pattern: '\\+?[0-9 \\(\\)\\-]{4,32}',
        hint: 'Digits, spaces, brackets and dashes; may start with +.' },
    { name: 'line1', label: 'Address line 1', required: true, autocomplete: 'address-line1', max: 200 },
    { name: 'line2', label: 'Address line 2', autocomplete: 'address-line2', max: 200 },
    { name: 'city', label: 'City', required: true, autocomplete: 'address-level2', max: 100 },
    { name: 'region', label: 'Region or state', autocomplete: 'address-level1', max: 100 },
    { name: 'postalCode', label: 'Postal code', autocomplete: 'postal-code', max: 20 },
    { name: 'country', label: 'Country', required: true, autocomplete: 'country', select: true },
];

// Postal code formats for a few countries; other countries get a length check only.
const POSTAL_CODES = {
    US: [/^\d{5}(-\d{4})?$/, 'a US ZIP code has 5 digits (or 5+4)'],
    DE: [/^\d{5}$/, 'a German postal code has 5 digits'],
    FR: [/^\d{5}$/, 'a French postal code has 5 digits'],
    ES: [/^\d{5}$/, 'a Spanish postal code has 5 digits'],
    IT: [/^\d{5}$/, 'an Italian postal code has 5 digits'],
    IL: [/^\d{7}$/, 'an Israeli postal code has 7 digits'],
    SA: [/^\d{5}(-\d{4})?$/, 'a Saudi postal code has 5 digits'],
    NL: [/^\d{4} ?[A-Za-z]{2}$/, 'a Dutch postal code is 4 digits and 2 letters, like 1012 AB'],
    GB: [/^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/, 'a UK postcode looks like SW1A 1AA'],
    AT: [/^\d{4}$/, 'an Austrian postal code has 4 digits'],
    CH: [/^\d{4}$/, 'a Swiss postal code has 4 digits'],
    BE: [/^\d{4}$/, 'a Belgian postal code has 4 digits'],
};
// Countries without postal codes; elsewhere the postal code is required.
const NO_POSTAL_CODE = new Set(['AE', 'AG', 'AO', 'AW', 'BF', 'BI', 'BJ', 'BO', 'BS', 'BW', 'BZ', 'CD', 'CF', 'CG',
    'CI', 'CK', 'CM', 'DJ', 'DM', 'ER', 'FJ', 'GA', 'GD', 'GH', 'GM', 'GQ', 'GY', 'HK', 'IE', 'KI', 'KM', 'KN', 'KP',
    'LY', 'ML', 'MO', 'MR', 'MW', 'NR', 'NU', 'PA', 'QA', 'RW', 'SB', 'SC', 'SL', 'SR', 'ST', 'SY', 'TD', 'TF', 'TG',
    'TK', 'TL', 'TO', 'TV', 'UG', 'VU', 'YE', 'ZW']);

function buildAddress(fieldset) {
    const prefix = fieldset.dataset.prefix;
    const grid = h('div', { class: 'grid-2' });
    for (const field of ADDRESS_FIELDS) {
        const id = `${prefix}-${field.name}`;
        const hintId = field.hint ? id + '-hint' : null;
        let input;
        if (field.select) {
            input = h('select', { id, name: `${prefix}.${field.name}`, required: true, autocomplete: field.autocomplete });
            input.append(h('option', { value: '' }, 'Choose a country'));
            countries().forEach((c) => input.append(h('option', { value: c.code }, c.name)));
        } else {
            input = h('input', {
                id, name: `${prefix}.${field.name}`, type: field.type || 'text', autocomplete: field.autocomplete,
                maxlength: String(field.max), required: field.required || null, pattern: field.pattern || null,
            });
        }
        input.dataset.field = `${prefix}.${field.name}`;
        input.dataset.part = field.name;
        if (hintId) {
            input.setAttribute('aria-describedby', hintId);
        }
        grid.append(h('div', { class: 'field' },
            h('label', { for: id }, field.label, field.required ? '' : h('span', { class: 'optional' }, ' (optional)')),
            input,
            field.hint ? h('div', { class: 'hint', id: hintId }, field.hint) : null));
    }
    fieldset.append(grid);
    const country = fieldset.querySelector('select');
    country.addEventListener('change', () => {
        const postal = part(fieldset, 'postalCode');
        const label = fieldset.querySelector(`label[for="${postal.id}"]`);
        const needed = country.value && !NO_POSTAL_CODE.has(country.value);
        clear(label).append('Postal code', needed ? '' : h('span', { class: 'optional' }, ' (optional)'));
        postal.required = Boolean(needed);
        if (fieldset.id === 'shipping') {
            scheduleQuote();
        }
    });
}

/** The input of one address part ('postalCode', …) in the shipping or billing fieldset. */
function part(fieldset, name) {
    return fieldset.querySelector(`[data-part="${name}"]`);
}

function addressOf(fieldset) {
    const value = (name) => {
        const text = part(fieldset, name).value.trim();
        return text === '' ? null : text;
    };
    const postalCode = value('postalCode');
    return {
        fullName: value('fullName'),
        phone: value('phone'),
        line1: value('line1'),
        line2: value('line2'),
        city: value('city'),
        region: value('region'),
        postalCode: postalCode && part(fieldset, 'country').value === 'GB' ? postalCode.toUpperCase() : postalCode,
        country: value('country'),
    };
}

function fieldMessage(input, label) {
    const v = input.validity;
    if (v.valueMissing) {
        return input.tagName === 'SELECT' ? `Choose a ${label.toLowerCase()}.` : `Enter your ${label.toLowerCase()}.`;
    }
    if (v.typeMismatch && input.type === 'email') {
        return 'Enter an email address like name@example.com.';
    }
    if (v.patternMismatch && input.dataset.part === 'phone') {
        return 'Enter a phone number with digits, spaces, brackets or dashes (4 to 32 characters).';
    }
    if (v.patternMismatch && input.name === 'discountCode') {
        return 'A discount code has only letters, digits, dashes and underscores.';
    }
    if (v.tooLong) {
        return `${label} is too long.`;
    }
    return input.validationMessage;
}

/** Client-side checks with messages at the field; the server checks again and its errors land at the field too. */
function validate() {
    clearFieldErrors(form);
    const fields = [$('#email'), $('#discount'), $('#notes'), ...$('#shipping').querySelectorAll('input, select')];
    if (!$('#billing').hidden) {
        fields.push(...$('#billing').querySelectorAll('input, select'));
    }
    let problems = 0;
    for (const input of fields) {
        const label = (form.querySelector(`label[for="${input.id}"]`)?.firstChild?.textContent || input.name).trim();
        if (!input.checkValidity()) {
            setFieldError(input, fieldMessage(input, label));
            problems++;
            continue;
        }
        if (input.dataset.part === 'postalCode' && input.value.trim()) {
            const country = part(input.closest('fieldset'), 'country').value;
            const rule = POSTAL_CODES[country];
            if (rule && !rule[0].test(input.value.trim())) {
                setFieldError(input, `This postal code does not look right: ${rule[1]}.`);
                problems++;
            }
        }
    }
    const discount = $('#discount');
    if (priced && priced.rejectedCode && priced.rejectedCode === discount.value.trim()
            && discount.getAttribute('aria-invalid') !== 'true') {
        setFieldError(discount, `${CODE_NOT_VALID} Remove it to place the order without a discount.`);
        problems++;
    }
    const lines = cart().items;
    lines.forEach((item, index) => {
        const sku = catalogue.get(item.sku);
        const input = form.querySelector(`[data-field="items[${index}].quantity"]`);
        if (!input) {
            return;
        }
        if (!sku) {
            setFieldError(input, 'This product is no longer for sale; remove it.');
            problems++;
        } else if (item.quantity > sku.available) {
            setFieldError(input, sku.available > 0 ? `Only ${sku.available} available.` : 'Out of stock; remove it.');
            problems++;
        }
    });
    return problems;
}

function renderCart() {
    const container = clear($('#cart'));
    const current = cart();
    if (!current.items.length) {
        container.append(h('p', { id: 'cart-empty' }, 'Your cart is empty. ', h('a', { href: '/' }, 'Go shopping')));
        $('#pay').disabled = true;
        quote();
        return;
    }
    $('#pay').disabled = false;
    const rows = current.items.map((item, index) => {
        const sku = catalogue.get(item.sku);
        const quantityId = `cart-qty-${index}`;
        const quantity = h('input', {
            id: quantityId, class: 'qty', type: 'number', min: '0', max: String(MAX_QUANTITY), value: String(item.quantity),
            inputmode: 'numeric',
        });
        quantity.dataset.field = `items[${index}].quantity`;
        quantity.addEventListener('change', () => {
            const wanted = Math.max(0, Math.floor(Number(quantity.value) || 0));
            setQuantity(item.sku, wanted);
            updateCartCount();
            renderCart();
        });
        const remove = h('button', { type: 'button', class: 'link', dataset: { remove: item.sku } }, 'Remove');
        remove.addEventListener('click', () => {
            setQuantity(item.sku, 0);
            updateCartCount();
            renderCart();
            $('#cart-heading').focus();
        });
        const stock = sku ? availability(sku) : { text: 'No longer for sale', tone: 'out' };
        return h('tr', { dataset: { sku: item.sku } },
            h('td', { class: 'cart-item' }, h('div', { class: 'with-thumb' }, productImage(sku && sku.imageUrl, true),
                h('div', {}, sku ? sku.name : item.sku,
                    h('div', { class: `small availability ${stock.tone}` }, stock.text)))),
            h('td', { class: 'num hide-narrow' }, sku ? money(sku.priceMinor, sku.currency) : '—'),
            h('td', { class: 'cart-qty' }, h('div', { class: 'field' },
                h('label', { for: quantityId, class: 'visually-hidden' }, `Quantity of ${sku ? sku.name : item.sku}`),
                quantity)),
            h('td', { class: 'num cart-line-total' }, sku ? money(sku.priceMinor * item.quantity, sku.currency) : '—'),
            h('td', { class: 'cart-remove' }, remove));
    });
    container.append(h('table', { id: 'cart-table', class: 'cart-lines' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col', class: 'num hide-narrow' }, 'Price'),
            h('th', { scope: 'col' }, 'Quantity'), h('th', { scope: 'col', class: 'num' }, 'Total'),
            h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Remove')))),
        h('tbody', {}, rows)));
    renderTotals();
    scheduleQuote();
}

// Totals. The page shows what the order will charge: the server prices the cart for the shipping country and the
// discount code exactly as checkout will (POST /api/v1/checkout/quote), and every change of cart, country or code
// asks again. While an answer is on its way the totals are marked busy (aria-busy) and dimmed; answers to older
// questions are dropped. An unknown code does not take the totals away: the cart is priced without it and the field
// says so. Without a shipping country there is no total yet (tax depends on the country).

const CODE_NOT_VALID = 'This code is not valid.';

/** An unknown code, or one the shop refuses for this order (discount-expired, discount-used-up…). */
const codeRefused = (e) => e instanceof ApiError
    && (e.kind === 'unknown-discount-code' || (e.kind || '').startsWith('discount-'));
/** What to say at the code field: the server's words for a refused code, ours for an unknown one. */
const codeProblem = (e) => (e.kind === 'unknown-discount-code' || !e.problem.detail ? CODE_NOT_VALID : e.problem.detail);
let quoteSeq = 0;
let priced = null;

function shippingCountry() {
    return part($('#shipping'), 'country').value;
}

/** What a quote asks for: the cart, the shipping country and the code (when it has a valid shape); null if empty. */
function quoteRequest() {
    const current = cart();
    if (!current.items.length) {
        return null;
    }
    const discount = $('#discount');
    const code = discount.value.trim();
    return {
        items: current.items.map((i) => ({ sku: i.sku, quantity: i.quantity })),
        currency: current.currency,
        country: shippingCountry() || null,
        discountCode: code && discount.checkValidity() ? code : null,
    };
}

const keyOf = (request) => JSON.stringify(request);

/** Whether the totals shown were worked out for the cart, country and code as they are now. */
function pricedNow() {
    const request = quoteRequest();
    return Boolean(priced && request && priced.key === keyOf(request));
}

function setUpdating(updating) {
    const totals = $('#totals');
    if (updating) {
        totals.setAttribute('aria-busy', 'true');
    } else {
        totals.removeAttribute('aria-busy');
    }
}

/** Asks again in a moment (typing and clicking settle first); answers to what was asked before are dropped. */
function scheduleQuote() {
    clearTimeout(quoteTimer);
    quoteSeq++;
    if (cart().items.length) {
        setUpdating(true);
    }
    quoteTimer = setTimeout(() => quote(), 250);
}

/** Asks the server what this cart costs for the country and code, and shows it unless something changed meanwhile. */
async function quote() {
    clearTimeout(quoteTimer);
    const seq = ++quoteSeq;
    const request = quoteRequest();
    if (!request) {
        priced = null;
        setUpdating(false);
        renderTotals();
        renderDiscountState();
        return;
    }
    setUpdating(true);
    const result = await price(request);
    if (seq !== quoteSeq) {
        return;
    }
    priced = { key: keyOf(request), ...result };
    setUpdating(false);
    renderTotals();
    renderDiscountState();
}

/** Prices a request; never throws: a code the shop does not know is left out, other failures give no answer. */
async function price(request) {
    const base = { country: request.country, code: request.discountCode, rejectedCode: null, answer: null };
    if (!quoteAvailable) {
        return base;
    }
    try {
        return { ...base, answer: await api('/api/v1/checkout/quote', { method: 'POST', body: request }) };
    } catch (e) {
        if (codeRefused(e) && request.discountCode) {
            const without = await price({ ...request, discountCode: null });
            return { ...without, code: request.discountCode, rejectedCode: request.discountCode, rejectedReason: codeProblem(e) };
        }
        if (e instanceof ApiError && e.endpointMissing) {
            quoteAvailable = false;
        }
        return base;
    }
}

function subtotal() {
    const current = cart();
    return current.items.reduce((sum, item) => {
        const sku = catalogue.get(item.sku);
        return sum + (sku ? sku.priceMinor * item.quantity : 0);
    }, 0);
}

/** Shows the totals of the last answer: subtotal, discount, shipping, tax and total (once a country is chosen). */
function renderTotals() {
    const container = clear($('#totals'));
    const current = cart();
    if (!current.items.length) {
        return;
    }
    const row = (label, value, id, cls = '') => h('tr', { class: cls }, h('th', { scope: 'row' }, label),
        h('td', { class: 'num', id }, value));
    const totalRow = (value) => h('tr', { class: 'total' }, h('th', { scope: 'row' }, 'Total'),
        h('td', { class: 'num', id: 'total-total', 'data-testid': 'checkout-total' }, value));
    const answer = priced && priced.answer;
    const rows = [];
    let note = null;
    if (answer) {
        const t = answer.totals;
        rows.push(row('Subtotal', money(t.subtotalMinor, t.currency), 'total-subtotal'));
        if (t.discountMinor) {
            rows.push(row(`Discount (${answer.discountCode})`, '−' + money(t.discountMinor, t.currency),
                'total-discount'));
        }
        rows.push(row('Shipping', t.shippingMinor ? money(t.shippingMinor, t.currency) : 'Free', 'total-shipping'));
        if (priced.country) {
            const rate = t.taxRateBasisPoints ? ` (${(t.taxRateBasisPoints / 100).toLocaleString()} %)` : '';
            rows.push(row('Tax' + rate, money(t.taxMinor, t.currency), 'total-tax'));
            rows.push(totalRow(money(t.totalMinor, t.currency)));
        } else {
            rows.push(row('Tax', 'Depends on the country', 'total-tax'));
            rows.push(totalRow('—'));
            note = 'Choose the shipping country to see the tax and the total.';
        }
    } else {
        rows.push(row('Subtotal', money(subtotal(), current.currency), 'total-subtotal'));
        rows.push(totalRow('—'));
        if (priced) {
            note = 'Tax, shipping and any discount are worked out when you place the order; the order page shows the '
                + 'final totals before you pay.';
        }
    }
    container.append(h('table', {}, h('tbody', {}, rows)));
    if (note) {
        container.append(h('p', { class: 'hint', id: 'totals-note' }, note));
    }
}

/** Says at the code field what became of the code: applied, not valid, or checked only when the order is placed. */
function renderDiscountState() {
    const input = $('#discount');
    const status = clear($('#discount-status'));
    const code = input.value.trim();
    clearFieldError(input);
    if (!code || !priced || priced.code !== code) {
        if (code && !input.checkValidity()) {
            setFieldError(input, fieldMessage(input, 'Discount code'));
        }
        return;
    }
    if (priced.rejectedCode === code) {
        setFieldError(input, `${priced.rejectedReason || CODE_NOT_VALID} The totals are shown without a discount.`);
    } else if (priced.answer && priced.answer.discountCode) {
        const t = priced.answer.totals;
        status.append(`${priced.answer.discountCode} applied: ${money(t.discountMinor, t.currency)} off.`);
    } else if (!priced.answer) {
        status.append('The code is checked when you place the order.');
    }
}

const METHOD_LABELS = {
    sandbox: ['Sandbox test payment', 'No real money: on the next page you approve or decline the payment yourself.'],
    stripe: ['Card', 'Pay by card (processed by Stripe); card details never reach this shop.'],
    paypal: ['PayPal', 'You approve the payment at PayPal and come back here.'],
};

function renderPaymentMethods() {
    const fieldset = $('#payment-methods');
    $('#payment-loading').remove();
    const methods = options.paymentMethods.filter((m) => METHOD_LABELS[m]);
    if (!methods.length) {
        fieldset.append(h('p', { class: 'message error' }, 'This shop offers no payment method right now.'));
        $('#pay').disabled = true;
        return;
    }
    methods.forEach((method, index) => {
        const id = `pay-${method}`;
        const [label, hint] = METHOD_LABELS[method];
        const radio = h('input', {
            type: 'radio', name: 'paymentMethod', id, value: method, 'aria-describedby': id + '-hint',
            checked: index === 0,
        });
        radio.dataset.field = 'paymentMethod';
        fieldset.append(h('div', { class: 'field' },
            h('label', { class: 'choice', for: id }, radio, label),
            h('div', { class: 'hint', id: id + '-hint' }, hint)));
    });
}

async function loadOptions() {
    try {
        const answer = await api('/api/v1/checkout/options');
        options = { ...options, ...answer, fromServer: true };
        if (!Array.isArray(options.paymentMethods)) {
            options.paymentMethods = ['sandbox'];
        }
    } catch {
        // Without an options endpoint the shop offers the sandbox (demo mode); the server refuses any method
        // it does not offer, and that refusal is shown in words.
    }
    renderPaymentMethods();
}

function checkoutBody() {
    const current = cart();
    const billingSame = $('#billing-same').checked;
    const text = (selector) => {
        const value = $(selector).value.trim();
        return value === '' ? null : value;
    };
    const method = form.querySelector('input[name="paymentMethod"]:checked');
    return {
        items: current.items.map((item) => ({ sku: item.sku, quantity: item.quantity })),
        email: text('#email'),
        shippingAddress: addressOf($('#shipping')),
        billingAddress: billingSame ? null : addressOf($('#billing')),
        paymentMethod: method ? method.value : null,
        currency: current.currency,
        discountCode: text('#discount'),
        notes: text('#notes'),
    };
}

async function submit(event) {
    event.preventDefault();
    showMessage(message, null);
    showMessage($('#place-order-message'), null);
    // the order must cost what the page shows: price what is about to be sent before sending it
    for (let attempt = 0; attempt < 3 && !pricedNow(); attempt++) {
        await quote();
    }
    const problems = validate();
    if (problems) {
        showMessage(message, problems === 1 ? 'Please correct the field marked below.'
            : `Please correct the ${problems} fields marked below.`);
        focusFirstInvalid(form);
        return;
    }
    const body = checkoutBody();
    const pay = $('#pay');
    pay.disabled = true;
    pay.textContent = 'Placing your order…';
    try {
        const placed = await postOnce('checkout', '/api/v1/checkout', body);
        emptyCart();
        sessionStorage.setItem('oe.justPlaced', placed.orderId);
        const signedIn = Boolean(session());
        if (placed.guestToken) {
            rememberGuestOrder(placed.orderId, placed.orderNumber, placed.guestToken);
        }
        const query = new URLSearchParams({ id: placed.orderId });
        if (placed.guestToken && !signedIn) {
            query.set('token', placed.guestToken);
        }
        location.assign('/order.html?' + query.toString());
    } catch (e) {
        pay.disabled = false;
        pay.textContent = 'Place order and pay';
        if (e instanceof ApiError) {
            placeFieldErrors(form, e);
            if (codeRefused(e)) {
                setFieldError($('#discount'), `${codeProblem(e)} Remove it to place the order without a discount.`);
                showMessage(message, 'Please correct the field marked below.');
                focusFirstInvalid(form);
                scheduleQuote();
                return;
            }
            if (e.kind === 'unknown-sku' || e.kind === 'currency') {
                await refreshCatalogue();
            }
        }
        // next to the button that was pressed (on a phone the top of the page is far away), and focused
        const answer = $('#place-order-message');
        showMessage(answer, e);
        if (form.querySelector('[aria-invalid="true"]')) {
            focusFirstInvalid(form);
        } else {
            answer.focus();
        }
    }
}

async function refreshCatalogue() {
    try {
        catalogue = await catalogueBySku();
        renderCart();
    } catch (e) {
        showMessage(message, e);
    }
}

function prefill() {
    const current = session();
    const claims = current ? claimsOf(current.token) : null;
    if (claims && claims.email) {
        $('#email').value = claims.email;
    }
}

renderHeader();
buildAddress($('#shipping'));
buildAddress($('#billing'));
$('#billing-same').addEventListener('change', () => {
    const billing = $('#billing');
    billing.hidden = $('#billing-same').checked;
    billing.disabled = billing.hidden;
});
$('#billing').disabled = true;
$('#apply-discount').addEventListener('click', () => {
    const discount = $('#discount');
    clearFieldErrors(discount.closest('.field'));
    if (!discount.checkValidity()) {
        setFieldError(discount, fieldMessage(discount, 'Discount code'));
    }
    quote();
});
$('#discount').addEventListener('change', scheduleQuote);
$('#discount').addEventListener('input', () => {
    if (!$('#discount').value.trim()) {
        scheduleQuote();
    }
});
$('#discount').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
        // Enter in the code field applies the code; it does not place the order
        event.preventDefault();
        $('#apply-discount').click();
    }
});
form.addEventListener('submit', submit);
form.addEventListener('input', (event) => clearFieldError(event.target));
form.addEventListener('change', (event) => clearFieldError(event.target));
prefill();
loadOptions();
refreshCatalogue();
