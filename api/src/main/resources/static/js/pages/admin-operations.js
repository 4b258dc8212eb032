// Operations: projections with their lag and a rebuild button with progress (GET /api/v1/admin/projections,
// POST /api/v1/admin/projections/{name}/rebuild), stuck checkouts and orders needing attention with retry and
// compensate (GET /api/v1/admin/sagas?state=, POST /api/v1/admin/sagas/{orderId}/retry|compensate), and dead
// letters with retry (GET /api/v1/admin/dead-letters, POST /api/v1/admin/dead-letters/{id}/retry), and the webhook
// inbox with retry (GET /api/v1/admin/webhooks/inbox?status=, POST /api/v1/admin/webhooks/inbox/{id}/retry).

import { ApiError, api, itemsOf } from '../api.js';
import { isAdmin } from '../auth.js';
import { dateTime, number, statusBadge } from '../format.js';
import { $, clear, confirmDialog, h, renderHeader, showMessage, signInNeeded } from '../ui.js';
import {
    FAILED_STEP_WORDS, REBUILD_WORDS, STUCK_WORDS, eventWords, projectionWords, stageWords, wordsFor,
} from '../words.js';

let rebuildTimer = null;

function unavailable(container, e) {
    clear(container).append(h('p', { class: 'message error' }, e instanceof ApiError && e.endpointMissing
        ? 'Not available on this server yet.' : e.message));
}

function figure(value) {
    return value === null || value === undefined ? '—' : number(value);
}

function rebuildCell(p) {
    const r = p.rebuild;
    if (!r) {
        return '—';
    }
    const cell = h('div', { class: 'rebuild', dataset: { state: r.state } }, wordsFor(REBUILD_WORDS, r.state));
    if (r.state === 'CATCHING_UP' || r.state === 'SWITCHING') {
        const bar = h('progress', { max: String(Math.max(1, r.eventsTotal || 1)), value: String(r.eventsProcessed || 0) });
        bar.setAttribute('aria-label', `Rebuild of ${projectionWords(p.name)}`);
        const total = r.eventsTotal === null || r.eventsTotal === undefined ? '?' : number(r.eventsTotal);
        cell.append(bar, h('div', { class: 'small muted' }, `${number(r.eventsProcessed)} of ${total} events`));
    } else if (r.state === 'DONE') {
        cell.append(h('div', { class: 'small muted' }, `generation ${r.generation}, ${dateTime(r.finishedAt)}`));
    } else if (r.error) {
        cell.append(h('div', { class: 'small' }, r.error));
    }
    return cell;
}

async function loadProjections() {
    const container = $('#projections');
    try {
        const answer = await api('/api/v1/admin/projections');
        const list = answer && Array.isArray(answer.projections) ? answer.projections : itemsOf(answer);
        const rows = list.map((p) => {
            const running = p.rebuild && (p.rebuild.state === 'CATCHING_UP' || p.rebuild.state === 'SWITCHING');
            const button = h('button', { type: 'button', class: 'secondary', dataset: { rebuild: p.name } }, 'Rebuild');
            button.setAttribute('aria-label', `Rebuild ${projectionWords(p.name)}`);
            button.disabled = Boolean(running);
            button.addEventListener('click', () => rebuild(p.name));
            const state = p.error ? h('span', { class: 'badge bad' }, 'Error')
                : p.running ? h('span', { class: 'badge good' }, 'Running') : h('span', { class: 'badge' }, 'Stopped');
            return h('tr', { dataset: { projection: p.name } },
                h('td', {}, projectionWords(p.name)), h('td', {}, state),
                h('td', { class: 'num' }, figure(p.position)), h('td', { class: 'num' }, figure(p.headPosition)),
                h('td', { class: 'num', dataset: { col: 'lag' } }, figure(p.lag)),
                h('td', {}, rebuildCell(p)), h('td', {}, button));
        });
        clear(container).append(h('table', { id: 'projections-table' },
            h('thead', {}, h('tr', {}, ['Projection', 'State', 'Position', 'Head', 'Lag', 'Last rebuild', '']
                .map((t, i) => h('th', { scope: 'col', class: i >= 2 && i <= 4 ? 'num' : null }, t)))),
            h('tbody', {}, rows)));
        const anyRunning = list.some((p) => p.rebuild && (p.rebuild.state === 'CATCHING_UP' || p.rebuild.state === 'SWITCHING'));
        clearTimeout(rebuildTimer);
        if (anyRunning) {
            rebuildTimer = setTimeout(loadProjections, 1000);
        }
    } catch (e) {
        unavailable(container, e);
    }
}

async function rebuild(name) {
    const ok = await confirmDialog({
        title: `Rebuild ${projectionWords(name)}?`,
        text: 'Every event is replayed into new collections; the current read model keeps serving until the switch.',
        confirmLabel: 'Rebuild',
    });
    if (ok === null) {
        return;
    }
    try {
        await api(`/api/v1/admin/projections/${encodeURIComponent(name)}/rebuild`, { method: 'POST' });
        showMessage($('#projections-message'), `Rebuild of ${projectionWords(name)} started.`, 'ok');
    } catch (e) {
        showMessage($('#projections-message'), e);
    }
    loadProjections();
}

function orderCell(item) {
    const id = item.orderId || item.id;
    const label = item.orderNumber || id;
    return id ? h('a', { href: '/admin/order.html?id=' + encodeURIComponent(id) }, label) : '—';
}

async function loadSagas() {
    const container = $('#sagas');
    if ($('#sagas-panel').hidden) {
        return;
    }
    try {
        const list = itemsOf(await api('/api/v1/admin/sagas', { query: { state: $('#saga-state').value } }));
        if (!list.length) {
            clear(container).append(h('p', { class: 'muted', id: 'no-sagas' }, $('#saga-state').value === 'stuck' ? 'No checkout is stuck.' : 'No checkouts to show.'));
            return;
        }
        clear(container).append(h('table', { id: 'sagas-table' },
            h('thead', {}, h('tr', {}, ['Order', 'Stage', 'Problem', ''].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, list.map((s) => {
                const id = s.orderId || s.id;
                const problems = (s.stuckBecause || []).map((why) => wordsFor(STUCK_WORDS, why));
                if (s.failedStep) {
                    problems.push(`Failed step: ${wordsFor(FAILED_STEP_WORDS, s.failedStep).toLowerCase()}`);
                }
                const problem = h('td', {}, problems.length ? problems.join('; ') : 'None: it is on its way');
                if (s.lastError) {
                    problem.append(h('details', {}, h('summary', {}, 'Technical details'),
                        h('pre', { class: 'json' }, String(s.lastError))));
                }
                const actions = h('div', { class: 'actions' });
                if (s.stuck) {
                    // only a stuck checkout is offered the buttons; an ordinary waiting one needs nobody
                    if (s.failedStep) {
                        const retry = h('button', { type: 'button', class: 'secondary', dataset: { retry: id } }, 'Retry');
                        retry.setAttribute('aria-label', `Retry the checkout of ${s.orderNumber || id}`);
                        retry.addEventListener('click', () => sagaAction(s, 'retry', $('#sagas-message')));
                        actions.append(retry);
                    }
                    const compensate = h('button', { type: 'button', class: 'danger', dataset: { compensate: id } }, 'Compensate');
                    compensate.setAttribute('aria-label', `Compensate the checkout of ${s.orderNumber || id}`);
                    compensate.addEventListener('click', () => sagaAction(s, 'compensate', $('#sagas-message')));
                    actions.append(compensate);
                } else {
                    actions.append(h('span', { class: 'muted' }, 'No action needed'));
                }
                return h('tr', { dataset: { orderId: id, stage: s.stage || '', stuck: String(Boolean(s.stuck)) } },
                    h('td', {}, orderCell(s)), h('td', {}, stageWords(s.stage || s.state)), problem,
                    h('td', {}, actions));
            }))));
    } catch (e) {
        if (e instanceof ApiError && e.endpointMissing) {
            // this server lists no checkouts; the orders needing attention below carry the same actions
            $('#sagas-panel').hidden = true;
            return;
        }
        unavailable(container, e);
    }
}

async function sagaAction(saga, action, region) {
    const id = saga.orderId || saga.id;
    const reason = await confirmDialog({
        title: action === 'retry' ? `Retry the failed step of ${saga.orderNumber || id}?`
            : `Compensate ${saga.orderNumber || id}?`,
        text: action === 'retry' ? 'The step that failed is tried again with the same idempotency keys.'
            : 'The checkout is undone: stock released, payment voided or refunded, order cancelled.',
        confirmLabel: action === 'retry' ? 'Retry' : 'Compensate',
        reasonLabel: action === 'retry' ? 'Note' : 'Reason', danger: action === 'compensate',
    });
    if (reason === null) {
        return;
    }
    try {
        await api(`/api/v1/admin/sagas/${encodeURIComponent(id)}/${action}`, {
            method: 'POST', body: { note: reason },
        });
        showMessage(region, action === 'retry' ? 'Retry requested.' : 'Compensation requested.', 'ok');
    } catch (e) {
        showMessage(region, e);
    }
    region.focus();
    loadSagas();
    loadAttention();
}

async function loadAttention() {
    const container = $('#attention');
    try {
        const list = itemsOf(await api('/api/v1/admin/orders', { query: { status: 'ATTENTION', size: 50 } }));
        if (!list.length) {
            clear(container).append(h('p', { class: 'muted', id: 'no-attention' }, 'No order needs attention.'));
            return;
        }
        clear(container).append(h('table', { id: 'attention-table' },
            h('thead', {}, h('tr', {}, ['Order', 'Since', 'Customer', 'Status', 'Checkout']
                .map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, list.map((o) => {
                const retry = h('button', { type: 'button', class: 'secondary', dataset: { retry: o.orderId } }, 'Retry');
                const compensate = h('button', { type: 'button', class: 'danger', dataset: { compensate: o.orderId } },
                    'Compensate');
                retry.setAttribute('aria-label', `Retry the failed checkout step of ${o.orderNumber}`);
                compensate.setAttribute('aria-label', `Compensate the checkout of ${o.orderNumber}`);
                retry.addEventListener('click', () => sagaAction(o, 'retry', $('#attention-message')));
                compensate.addEventListener('click', () => sagaAction(o, 'compensate', $('#attention-message')));
                return h('tr', { dataset: { orderId: o.orderId } },
                    h('td', {}, orderCell(o)), h('td', {}, dateTime(o.updatedAt)),
                    h('td', {}, o.customerName || o.customerEmail || '—'), h('td', {}, statusBadge(o.status)),
                    h('td', {}, h('div', { class: 'actions' }, retry, compensate)));
            }))));
    } catch (e) {
        unavailable(container, e);
    }
}

async function loadDeadLetters() {
    const container = $('#dead-letters');
    try {
        const list = itemsOf(await api('/api/v1/admin/dead-letters'));
        if (!list.length) {
            clear(container).append(h('p', { class: 'muted', id: 'no-dead-letters' }, 'No dead letters.'));
            return;
        }
        clear(container).append(h('table', { id: 'dead-letters-table' },
            h('thead', {}, h('tr', {}, ['Event', 'Queue', 'Why it failed', 'Since', ''].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, list.map((d) => {
                const retry = h('button', { type: 'button', class: 'secondary', dataset: { retryLetter: d.id } }, 'Retry');
                retry.setAttribute('aria-label', `Retry ${eventWords(d.eventType)} ${d.id}`);
                retry.addEventListener('click', () => retryLetter(d, retry));
                return h('tr', { dataset: { letter: d.id } },
                    h('td', {}, eventWords(d.eventType), h('div', { class: 'small muted' }, d.id)),
                    h('td', {}, d.processingGroup),
                    h('td', {}, d.cause ? d.cause.message || d.cause.type : '—'),
                    h('td', { class: 'nowrap' }, dateTime(d.enqueuedAt)),
                    h('td', {}, retry));
            }))));
    } catch (e) {
        unavailable(container, e);
    }
}

async function retryLetter(letter, button) {
    button.disabled = true;
    try {
        const result = await api(`/api/v1/admin/dead-letters/${encodeURIComponent(letter.id)}/retry`, {
            method: 'POST', query: { processingGroup: letter.processingGroup },
        });
        const failed = result && result.succeeded === false;
        const causes = failed ? (result.stillDead || []).map((d) => d.cause && d.cause.message).filter(Boolean) : [];
        showMessage($('#dead-letters-message'), failed ? `The retry failed again: ${causes.join('; ') || 'see the list'}.`
            : 'Retried successfully.', failed ? 'error' : 'ok');
    } catch (e) {
        showMessage($('#dead-letters-message'), e);
    }
    loadDeadLetters();
    $('#inbox-status').addEventListener('change', loadInbox);
    $('#inbox-filter').addEventListener('submit', (event) => event.preventDefault());
    loadInbox();
}

async function loadInbox() {
    const container = $('#inbox');
    const status = $('#inbox-status').value;
    try {
        const list = itemsOf(await api('/api/v1/admin/webhooks/inbox', { query: { status } }));
        if (!list.length) {
            clear(container).append(h('p', { class: 'muted', id: 'no-inbox-entries', dataset: { testid: 'inbox-empty' } },
                'No notifications here.'));
            return;
        }
        clear(container).append(h('table', { id: 'inbox-table', dataset: { testid: 'inbox-table' } },
            h('thead', {}, h('tr', {}, ['Notification', 'Status', 'Attempts', 'Last error', 'Received', 'Next retry', '']
                .map((t, i) => h('th', { scope: 'col', class: i === 2 ? 'num' : null }, t)))),
            h('tbody', {}, list.map((entry) => {
                const retry = h('button', { type: 'button', class: 'secondary', dataset: { testid: 'inbox-retry' } }, 'Retry');
                retry.setAttribute('aria-label', `Retry ${entry.provider} ${entry.eventType} ${entry.eventId}`);
                retry.disabled = entry.status === 'PROCESSED';
                retry.addEventListener('click', () => retryInbox(entry, retry));
                return h('tr', { dataset: { testid: 'inbox-entry', inboxId: entry.id } },
                    h('td', {}, `${entry.provider} ${entry.eventType}`, h('div', { class: 'small muted' }, entry.eventId)),
                    h('td', { dataset: { testid: 'inbox-entry-status' } }, entry.status),
                    h('td', { class: 'num' }, figure(entry.attempts)),
                    h('td', {}, entry.lastError || '—'),
                    h('td', { class: 'nowrap' }, dateTime(entry.receivedAt)),
                    h('td', { class: 'nowrap' }, entry.nextAttemptAt ? dateTime(entry.nextAttemptAt) : '—'),
                    h('td', {}, retry));
            }))));
    } catch (e) {
        unavailable(container, e);
    }
}

async function retryInbox(entry, button) {
    button.disabled = true;
    try {
        const result = await api(`/api/v1/admin/webhooks/inbox/${encodeURIComponent(entry.id)}/retry`, { method: 'POST' });
        const done = result && result.status === 'PROCESSED';
        showMessage($('#inbox-message'), done ? 'Processed.' : `The retry failed again: ${(result && result.lastError) || 'see the list'}.`,
            done ? 'ok' : 'error');
    } catch (e) {
        showMessage($('#inbox-message'), e);
    }
    loadInbox();
}

renderHeader();
if (!isAdmin()) {
    signInNeeded($('#content'), 'Operations', true);
} else {
    $('#saga-state').addEventListener('change', loadSagas);
    $('#saga-filter').addEventListener('submit', (event) => event.preventDefault());
    loadProjections();
    loadSagas();
    loadAttention();
    loadDeadLetters();
    $('#inbox-status').addEventListener('change', loadInbox);
    $('#inbox-filter').addEventListener('submit', (event) => event.preventDefault());
    loadInbox();
}
