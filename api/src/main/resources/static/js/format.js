// Money, dates and status words. Money travels as integer minor units plus an ISO 4217 currency; it is turned
// into a decimal string with integer arithmetic (never a float) and formatted for the currency and the reader's
// locale by Intl.NumberFormat.

const LOCALE = navigator.language || document.documentElement.lang || 'en';

/** How many minor-unit digits a currency has (EUR 2, JPY 0, KWD 3). */
export function fractionDigits(currency) {
    try {
        return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    } catch {
        return 2;
    }
}

/** Minor units as an exact decimal string: (123456, 'EUR') → "1234.56". */
export function toDecimal(minor, currency) {
    const digits = fractionDigits(currency);
    const value = BigInt(Math.trunc(Number(minor)));
    const negative = value < 0n;
    const absolute = (negative ? -value : value).toString().padStart(digits + 1, '0');
    const whole = digits === 0 ? absolute : absolute.slice(0, -digits);
    const fraction = digits === 0 ? '' : '.' + absolute.slice(-digits);
    return (negative ? '-' : '') + whole + fraction;
}

/** Formats minor units for people: (2500, 'EUR') → "€25.00" (in the reader's locale). */
export function money(minor, currency) {
    if (minor === null || minor === undefined || !currency) {
        return '—';
    }
    try {
        return new Intl.NumberFormat(LOCALE, { style: 'currency', currency }).format(toDecimal(minor, currency));
    } catch {
        return `${toDecimal(minor, currency)} ${currency}`;
    }
}

/**
 * Parses what a person typed as an amount ("12", "12.5", "12,50") into minor units, or returns null when it is not
 * an amount with at most the currency's number of decimals.
 */
export function parseMoney(text, currency) {
    const digits = fractionDigits(currency);
    const cleaned = String(text || '').trim().replace(/\s/g, '').replace(',', '.');
    const pattern = digits === 0 ? /^\d+$/ : new RegExp('^\\d+(\\.\\d{1,' + digits + '})?$');
    if (!pattern.test(cleaned)) {
        return null;
    }
    const [whole, fraction = ''] = cleaned.split('.');
    const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt((fraction + '0'.repeat(digits)).slice(0, digits) || '0');
    return Number(minor);
}

/** Formats a rate between 0 and 1 as a percentage ("87.5 %"); "—" when there is none. */
export function percent(rate) {
    if (rate === null || rate === undefined || Number.isNaN(Number(rate))) {
        return '—';
    }
    return new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 }).format(Number(rate));
}

export function number(value) {
    return new Intl.NumberFormat(LOCALE).format(Number(value || 0));
}

export function dateTime(iso) {
    if (!iso) {
        return '—';
    }
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso)
        : new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function date(iso) {
    if (!iso) {
        return '—';
    }
    const value = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(iso + 'T00:00:00Z') : new Date(iso);
    return Number.isNaN(value.getTime()) ? String(iso)
        : new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeZone: 'UTC' }).format(value);
}

/** A UTC day as "Nov 21" (for chart axes). */
export function shortDate(iso) {
    const value = new Date(String(iso).slice(0, 10) + 'T00:00:00Z');
    return Number.isNaN(value.getTime()) ? String(iso)
        : new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(value);
}

import { PAYMENT_WORDS, STATUS_WORDS, wordsFor } from './words.js';

export { PAYMENT_WORDS, STATUS_WORDS };

export const ORDER_STATUSES = Object.keys(STATUS_WORDS);
export const PAYMENT_STATUSES = Object.keys(PAYMENT_WORDS);

function toneOf(status) {
    if (['CONFIRMED', 'PROCESSING', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'PAID'].includes(status)) {
        return 'good';
    }
    if (['REJECTED', 'CANCELLED', 'FAILED'].includes(status)) {
        return 'bad';
    }
    if (['ATTENTION', 'PARTIALLY_RETURNED', 'RETURNED', 'REFUNDED', 'PARTIALLY_REFUNDED'].includes(status)) {
        return 'warn';
    }
    return 'wait';
}

/** A status badge element; data-status carries the machine value. */
export function statusBadge(status, words = STATUS_WORDS) {
    const span = document.createElement('span');
    span.className = 'badge ' + toneOf(status);
    span.dataset.status = status || '';
    span.textContent = wordsFor(words, status);
    return span;
}
