// The audit trail of an order for the admin: every event of the order from the event store, in words, who caused
// it, and the raw event behind "Technical details".

import { ApiError, api, itemsOf } from './api.js';
import { dateTime } from './format.js';
import { ACTOR_WORDS, codeWords, eventWords } from './words.js';
import { clear, h } from './ui.js';

/** Who caused an audited event: the actor the event names, else the subject of the request behind it. */
function auditActor(entry) {
    const actor = entry.payload && entry.payload.actor;
    if (actor && actor.type) {
        const type = String(actor.type).toLowerCase();
        const who = ACTOR_WORDS[type] || codeWords(actor.type);
        // a guest's id is the order id: nothing to add
        return type === 'guest' || type === 'system' ? who : [who, actor.id].filter(Boolean).join(' ');
    }
    const metadata = entry.metadata || {};
    return metadata.subject ? String(metadata.subject) : ACTOR_WORDS.system;
}

/** The order's audit trail (GET /api/v1/admin/orders/{id}/audit) as a table in {@code container}. */
export async function renderAudit(container, url) {
    try {
        const answer = await api(url);
        const events = answer.events || itemsOf(answer);
        clear(container).append(h('table', { id: 'audit-table' },
            h('thead', {}, h('tr', {}, ['#', 'When', 'What happened', 'By', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, events.map((e, i) => {
                const type = String(e.type || 'event').split('.').pop();
                const detail = { payload: e.payload, metadata: e.metadata };
                return h('tr', { dataset: { type } },
                    h('td', {}, String(e.sequence ?? i)),
                    h('td', { class: 'nowrap' }, dateTime(e.at)),
                    h('td', {}, eventWords(type)),
                    h('td', {}, auditActor(e)),
                    h('td', {}, h('details', {}, h('summary', {}, 'Technical details'),
                        h('pre', { class: 'json' }, JSON.stringify(detail, null, 2)))));
            }))));
    } catch (e) {
        clear(container).append(h('p', { class: 'message error', id: 'audit-error' },
            e instanceof ApiError && e.endpointMissing ? 'The audit trail is not available on this server yet.' : e.message));
    }
}
