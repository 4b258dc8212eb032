// Calls to the public REST API (/api/v1). Errors come back as RFC 9457 problem+json; ApiError turns them into
// sentences a shopper or an admin can act on, and keeps the per-field errors so forms can show them at the field.

import { signOut, token } from './auth.js';
import { duration } from './words.js';

/** A failed call: {@link #message} is for people; status, problem and fieldErrors are for the page. */
export class ApiError extends Error {
    constructor(status, problem, message) {
        super(message);
        this.name = 'ApiError';
        this.status = status;
        this.problem = problem || {};
        this.fieldErrors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
        this.kind = typeof this.problem.type === 'string' && this.problem.type.startsWith('urn:order-engine:problem:')
            ? this.problem.type.substring('urn:order-engine:problem:'.length) : null;
    }

    /**
     * True when the server has no such endpoint at all, as opposed to "no such order" (a 404 of kind not-found):
     * a 405, or a 404 that is Spring's own (no problem kind of ours, or the generic "request" kind).
     */
    get endpointMissing() {
        if (this.status === 405) {
            return true;
        }
        return this.status === 404 && (this.kind === null || this.kind === 'request');
    }
}

function sentenceFor(status, problem, retryAfter) {
    if (status === 0) {
        return 'The shop cannot be reached. Check your connection and try again.';
    }
    if (status === 401) {
        return 'Please sign in to do this (or sign in again: your session may have expired).';
    }
    if (status === 403) {
        return 'Your account is not allowed to do this.';
    }
    if (status === 429) {
        const wait = retryAfter && /^\d+$/.test(retryAfter.trim()) ? ` Try again in ${duration(retryAfter)}.` : ' Try again in a little while.';
        return 'Too many requests in a short time.' + wait;
    }
    const detail = problem && typeof problem.detail === 'string' ? problem.detail.trim() : '';
    if (status >= 500) {
        return detail && !detail.startsWith('Something went wrong')
            ? detail : 'Something went wrong on our side. Please try again in a moment.';
    }
    const kind = problem && typeof problem.type === 'string' ? problem.type : '';
    if (status === 404 && (!kind.startsWith('urn:order-engine:problem:') || kind.endsWith(':request'))) {
        return 'This is not available on this server.';
    }
    if (detail) {
        return detail;
    }
    return problem && problem.title ? problem.title + '.' : `The request failed (HTTP ${status}).`;
}

async function readProblem(response) {
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
        try {
            return await response.json();
        } catch {
            return null;
        }
    }
    return null;
}

/**
 * Calls the API. Options: method, body (sent as JSON), headers, query (object of parameters; empty ones left
 * out), signal, as ('json' default, 'blob', 'response'), anonymous (send no bearer token). Resolves with the
 * parsed body (null for 204) or rejects with an ApiError.
 */
export async function api(path, options = {}) {
    const { method = 'GET', body, headers = {}, query, signal, as = 'json', anonymous = false } = options;
    let url = path;
    if (query) {
        const params = new URLSearchParams();
        for (const [name, value] of Object.entries(query)) {
            if (value !== undefined && value !== null && value !== '') {
                params.append(name, value);
            }
        }
        const text = params.toString();
        if (text) {
            url += (url.includes('?') ? '&' : '?') + text;
        }
    }
    const sent = { Accept: 'application/json, application/problem+json', ...headers };
    const bearer = anonymous ? null : token();
    if (bearer && !sent.Authorization) {
        sent.Authorization = 'Bearer ' + bearer;
    }
    const init = { method, headers: sent, signal, credentials: 'same-origin' };
    if (body !== undefined) {
        sent['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
    }
    let response;
    try {
        response = await fetch(url, init);
    } catch (e) {
        if (e && e.name === 'AbortError') {
            throw e;
        }
        throw new ApiError(0, null, sentenceFor(0));
    }
    if (!response.ok) {
        const problem = await readProblem(response);
        if (response.status === 401 && bearer) {
            signOut();
        }
        throw new ApiError(response.status, problem,
            sentenceFor(response.status, problem, response.headers.get('Retry-After')));
    }
    if (as === 'response') {
        return response;
    }
    if (as === 'blob') {
        return response.blob();
    }
    if (response.status === 204) {
        return null;
    }
    const text = await response.text();
    return text ? JSON.parse(text) : null;
}

/** A random Idempotency-Key. */
export function newKey() {
    if (crypto.randomUUID) {
        return crypto.randomUUID();
    }
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Sends a POST that must happen at most once, with an Idempotency-Key that is kept (in sessionStorage under
 * {@code slot}) for as long as the request body stays the same: pressing the button twice, or retrying after a
 * lost answer, sends the same key, so the server answers the first result again instead of acting twice.
 * Transient failures (no connection, 5xx, 409 "still being processed") are retried a few times with the same key.
 * The key is forgotten once the server gave a definite answer.
 */
export async function postOnce(slot, path, body, options = {}) {
    const storageKey = 'oe.idem.' + slot;
    const bodyText = JSON.stringify(body);
    let saved = null;
    try {
        saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
    } catch {
        saved = null;
    }
    const same = saved && saved.body === bodyText;
    const key = same ? saved.key : newKey();
    // proves a retry comes from this browser: the server replays a guest's answer only with the first secret
    const secret = same && saved.secret ? saved.secret : newKey();
    sessionStorage.setItem(storageKey, JSON.stringify({ key, secret, body: bodyText }));
    const attempts = options.attempts || 6;
    let delay = 400;
    for (let attempt = 1; ; attempt++) {
        try {
            const result = await api(path, {
                method: 'POST', body, query: options.query,
                headers: { 'Idempotency-Key': key, 'Idempotency-Client-Secret': secret },
            });
            sessionStorage.removeItem(storageKey);
            return result;
        } catch (e) {
            const transient = e instanceof ApiError
                && (e.status === 0 || e.status >= 500 || (e.status === 409 && e.kind === 'idempotency-key-in-use'));
            if (!transient || attempt >= attempts) {
                if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 409) {
                    sessionStorage.removeItem(storageKey);
                }
                throw e;
            }
            await new Promise((resolve) => setTimeout(resolve, delay));
            delay = Math.min(delay * 2, 3000);
        }
    }
}

/** The Idempotency-Key {@link postOnce} would send for this body now (for display and tests). */
export function pendingKey(slot) {
    try {
        const saved = JSON.parse(sessionStorage.getItem('oe.idem.' + slot) || 'null');
        return saved ? saved.key : null;
    } catch {
        return null;
    }
}

/** The items of a paged list ({items,page,size,total}) or of a plain array. */
export function itemsOf(answer) {
    if (Array.isArray(answer)) {
        return answer;
    }
    if (answer && Array.isArray(answer.items)) {
        return answer.items;
    }
    return [];
}
