// Small DOM helpers shared by every page: the site header, messages, field errors, pagers and confirm dialogs.
// Everything is built with DOM calls and textContent (never innerHTML with data), and styled by CSS classes only:
// the Content-Security-Policy allows no inline scripts or style attributes.

import { isAdmin, session, signOut } from './auth.js';
import { cartCount } from './cart.js';

/** Creates an element: h('a', {href: '/x', class: 'y'}, 'text', child). Attributes named on* are refused. */
export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === null || value === undefined || value === false) {
            continue;
        }
        if (name.startsWith('on')) {
            throw new Error('use addEventListener, not ' + name);
        }
        if (name === 'class') {
            element.className = value;
        } else if (name === 'dataset') {
            Object.assign(element.dataset, value);
        } else if (value === true) {
            element.setAttribute(name, '');
        } else {
            element.setAttribute(name, String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

export function clear(element) {
    element.replaceChildren();
    return element;
}

export function $(selector, root = document) {
    return root.querySelector(selector);
}

const NAV = [
    { href: '/', label: 'Shop' },
    { href: '/checkout.html', label: 'Cart', cart: true },
    { href: '/orders.html', label: 'My orders' },
];

const ADMIN_NAV = [
    { href: '/admin/index.html', label: 'Dashboard' },
    { href: '/admin/orders.html', label: 'Orders' },
    { href: '/admin/skus.html', label: 'SKUs' },
    { href: '/admin/discounts.html', label: 'Discounts' },
    { href: '/admin/operations.html', label: 'Operations' },
];

function currentPath() {
    return location.pathname === '/index.html' ? '/' : location.pathname;
}

/** Renders the header into <header id="site-header">: navigation, cart count, who is signed in. */
export function renderHeader() {
    const header = document.getElementById('site-header');
    if (!header) {
        return;
    }
    header.className = 'site-header';
    const here = currentPath();
    const links = (isAdmin() || here.startsWith('/admin/') ? [...NAV, ...ADMIN_NAV] : NAV).map((item) => {
        const label = item.cart ? `${item.label} (${cartCount()})` : item.label;
        const a = h('a', { href: item.href, 'aria-current': here === item.href ? 'page' : null }, label);
        if (item.cart) {
            a.id = 'nav-cart';
        }
        return h('li', {}, a);
    });
    const current = session();
    const who = h('div', { class: 'who', id: 'who' });
    if (current) {
        const out = h('button', { type: 'button', class: 'secondary', id: 'sign-out' }, 'Sign out');
        out.addEventListener('click', () => {
            signOut();
            location.assign('/');
        });
        who.append(`Signed in as ${current.subject}${current.roles.includes('ADMIN') ? ' (admin)' : ''}`, out);
    } else {
        const next = encodeURIComponent(location.pathname + location.search);
        who.append(h('a', { href: '/signin.html?next=' + next, id: 'sign-in-link' }, 'Sign in'));
    }
    clear(header).append(
        h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
        h('div', { class: 'bar' },
            h('a', { class: 'brand', href: '/' }, 'Order engine shop'),
            h('nav', { 'aria-label': 'Main' }, h('ul', {}, links)),
            who));
}

/** Refreshes the cart count in the header after the cart changed. */
export function updateCartCount() {
    const link = document.getElementById('nav-cart');
    if (link) {
        link.textContent = `Cart (${cartCount()})`;
    }
}

/**
 * Shows a message in a region (role=alert for errors, role=status otherwise). {@code text} may be an Error: its
 * message and, for problem+json validation errors, the list of what is wrong.
 */
export function showMessage(region, text, tone = 'error') {
    if (!region) {
        return;
    }
    clear(region);
    if (!text) {
        region.hidden = true;
        return;
    }
    region.hidden = false;
    region.classList.remove('error', 'ok', 'warn');
    region.classList.add('message', tone);
    region.setAttribute('role', tone === 'error' ? 'alert' : 'status');
    if (text instanceof Error) {
        region.append(h('p', {}, text.message));
        if (region.id === 'message' && (text.status === 0 || text.status >= 500)) {
            // the server could not be reached or failed: nothing is loading any more; offer to try again
            document.querySelectorAll('.loading').forEach((placeholder) => { placeholder.hidden = true; });
            const retry = h('button', { type: 'button', class: 'secondary', dataset: { testid: 'retry' } }, 'Try again');
            retry.addEventListener('click', () => location.reload());
            region.append(h('div', { class: 'actions' }, retry));
        }
        const unplaced = (text.fieldErrors || []).filter((f) => !f.shownAtField);
        if (unplaced.length) {
            region.append(h('ul', {}, unplaced.map((f) => h('li', {}, f.field ? `${f.field}: ${f.message}` : f.message))));
        }
    } else {
        region.append(text);
    }
}

/** Clears every field error inside a form. */
export function clearFieldErrors(form) {
    form.querySelectorAll('.field-error').forEach((e) => e.remove());
    form.querySelectorAll('[aria-invalid="true"]').forEach((input) => {
        input.removeAttribute('aria-invalid');
        const described = (input.getAttribute('aria-describedby') || '').split(' ')
            .filter((id) => id && !id.endsWith('-error')).join(' ');
        if (described) {
            input.setAttribute('aria-describedby', described);
        } else {
            input.removeAttribute('aria-describedby');
        }
    });
}

/** Clears the error of one input (once the person changes what was wrong). */
export function clearFieldError(input) {
    if (!input || !input.id || input.getAttribute('aria-invalid') !== 'true') {
        return;
    }
    const error = document.getElementById(input.id + '-error');
    if (error) {
        error.remove();
    }
    input.removeAttribute('aria-invalid');
    const described = (input.getAttribute('aria-describedby') || '').split(' ')
        .filter((id) => id && id !== input.id + '-error').join(' ');
    if (described) {
        input.setAttribute('aria-describedby', described);
    } else {
        input.removeAttribute('aria-describedby');
    }
}

/** Shows {@code message} under the input: aria-invalid plus an error text the input is described by. */
export function setFieldError(input, message) {
    const id = input.id + '-error';
    let error = document.getElementById(id);
    if (!error) {
        error = h('div', { class: 'field-error', id });
        const container = input.closest('.field') || input.parentElement;
        container.append(error);
    }
    error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    const described = new Set((input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
    described.add(id);
    input.setAttribute('aria-describedby', [...described].join(' '));
}

/**
 * Puts the server's per-field errors (problem+json "errors": [{field, message}]) next to the inputs whose
 * data-field names that field; the others stay in the message at the top. Returns how many were placed.
 */
export function placeFieldErrors(form, error) {
    let placed = 0;
    for (const fieldError of error.fieldErrors || []) {
        const input = fieldError.field
            ? form.querySelector(`[data-field="${CSS.escape(fieldError.field)}"]`) : null;
        if (input) {
            setFieldError(input, sentence(fieldError.message));
            fieldError.shownAtField = true;
            placed++;
        }
    }
    return placed;
}

function sentence(text) {
    const value = String(text || '').trim();
    return value ? value.charAt(0).toUpperCase() + value.slice(1) + (/[.!?]$/.test(value) ? '' : '.') : '';
}

/** Focuses the first invalid input of a form (keyboard and screen-reader users land on the problem). */
export function focusFirstInvalid(form) {
    const first = form.querySelector('[aria-invalid="true"]');
    if (first) {
        first.focus();
    }
}

/** A pager: "Page 2 of 7 · 123 orders" with previous/next buttons calling {@code go(page)}. */
export function pager(container, answer, go, noun = 'items') {
    clear(container);
    const page = answer.page || 0;
    const size = answer.size || 20;
    const total = answer.total || 0;
    const pages = Math.max(1, Math.ceil(total / size));
    const previous = h('button', { type: 'button', class: 'secondary', 'data-page': 'previous' }, 'Previous');
    const next = h('button', { type: 'button', class: 'secondary', 'data-page': 'next' }, 'Next');
    previous.disabled = page <= 0;
    next.disabled = page + 1 >= pages;
    previous.addEventListener('click', () => go(page - 1));
    next.addEventListener('click', () => go(page + 1));
    container.append(previous, h('span', { class: 'pager-info' }, `Page ${page + 1} of ${pages} · ${total} ${noun}`), next);
}

/**
 * Asks for confirmation in a modal dialog with an optional reason field. Resolves with the reason (or '' without
 * a field) when confirmed, or null when dismissed.
 */
export function confirmDialog({ title, text, confirmLabel = 'Confirm', reasonLabel = null, reasonValue = '', danger = false }) {
    return new Promise((resolve) => {
        const reason = reasonLabel
            ? h('textarea', { id: 'dialog-reason', name: 'reason', rows: '2', required: true, maxlength: '500' }) : null;
        if (reason) {
            reason.value = reasonValue;
        }
        const confirm = h('button', { type: 'submit', class: danger ? 'danger' : '', id: 'dialog-confirm' }, confirmLabel);
        const cancel = h('button', { type: 'button', class: 'secondary', id: 'dialog-cancel' }, 'Keep it');
        const form = h('form', { method: 'dialog' },
            h('h2', { id: 'dialog-title' }, title),
            text ? h('p', { id: 'dialog-text' }, text) : null,
            reason ? h('div', { class: 'field' }, h('label', { for: 'dialog-reason' }, reasonLabel), reason) : null,
            h('div', { class: 'actions' }, confirm, cancel));
        const dialog = h('dialog', { 'aria-labelledby': 'dialog-title' }, form);
        document.body.append(dialog);
        let answered = false;
        const finish = (value) => {
            if (!answered) {
                answered = true;
                dialog.close();
                dialog.remove();
                resolve(value);
            }
        };
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            if (reason && !reason.value.trim()) {
                setFieldError(reason, 'Please give a reason.');
                reason.focus();
                return;
            }
            finish(reason ? reason.value.trim() : '');
        });
        cancel.addEventListener('click', () => finish(null));
        dialog.addEventListener('cancel', () => finish(null));
        dialog.showModal();
        (reason || confirm).focus();
    });
}

const PLACEHOLDER = '/img/placeholder.svg';

/** A product's picture, or a neutral placeholder when the SKU has none (or its picture does not load). */
export function productImage(url, small = false) {
    const img = h('img', {
        src: url || PLACEHOLDER, alt: '', loading: 'lazy',
        class: ['thumb', small ? 'small' : '', url ? '' : 'placeholder'].filter(Boolean).join(' '),
    });
    if (url) {
        img.addEventListener('error', () => {
            img.src = PLACEHOLDER;
            img.classList.add('placeholder');
        }, { once: true });
    }
    return img;
}

/** Reads a query parameter of the page's URL. */
export function param(name) {
    return new URLSearchParams(location.search).get(name);
}

/** Waits {@code ms} milliseconds (for polling a read model after a command). */
export function pause(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Re-reads with {@code load} until {@code done(result)} holds or about {@code seconds} passed: commands answer
 * 202/204 and the read models follow a moment later. Resolves with the last result.
 */
export async function until(load, done, seconds = 10) {
    const deadline = Date.now() + seconds * 1000;
    let delay = 150;
    for (;;) {
        const result = await load();
        if (done(result) || Date.now() > deadline) {
            return result;
        }
        await pause(delay);
        delay = Math.min(delay * 2, 1000);
    }
}

/** Renders a "you need to sign in" panel into {@code container}. */
export function signInNeeded(container, what, admin = false) {
    const next = encodeURIComponent(location.pathname + location.search);
    clear(container).append(h('div', { class: 'panel', id: 'sign-in-needed' },
        h('p', {}, admin ? `${what} is for shop administrators. Sign in with an administrator's account.`
            : `Sign in to see ${what}.`),
        h('a', { class: 'button', href: '/signin.html?next=' + next }, 'Sign in')));
}

// Phones. A table of three or more columns becomes one card per row below 40rem (css: table.stacked): every cell is
// labelled with its column's heading here, whenever a page draws a table. Panels marked fold-narrow (filters) start
// folded on a narrow screen.
const NARROW = window.matchMedia('(max-width: 39.99rem)');

function labelCells(table) {
    if (table.classList.contains('cart-lines') || table.dataset.keepTable !== undefined) {
        return;
    }
    const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
    if (headings.length < 3) {
        return;
    }
    table.classList.add('stacked');
    table.querySelectorAll('tbody tr').forEach((row) => {
        let column = 0;
        for (const cell of row.children) {
            if (cell.dataset.label === undefined) {
                cell.dataset.label = headings[column] || '';
            }
            column += Number(cell.getAttribute('colspan') || 1);
        }
    });
}

function labelTables(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) {
        return;
    }
    if (root.tagName === 'TABLE') {
        labelCells(root);
    } else {
        const table = root.closest ? root.closest('table') : null;
        if (table) {
            labelCells(table);
        }
        root.querySelectorAll('table').forEach(labelCells);
    }
}

new MutationObserver((changes) => changes.forEach((change) => change.addedNodes.forEach(labelTables)))
    .observe(document.body, { childList: true, subtree: true });
labelTables(document.body);
if (NARROW.matches) {
    document.querySelectorAll('details.fold-narrow').forEach((details) => { details.open = false; });
}
