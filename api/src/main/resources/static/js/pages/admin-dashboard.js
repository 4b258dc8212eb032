// Admin dashboard: overview cards (orders today, pending, revenue this month) from GET /api/v1/admin/dashboard and
// charts drawn with Chart.js (from its WebJar): orders by status, and revenue, order count and payment success rate
// per day for the last 30 days from GET /api/v1/admin/metrics/daily?date=, and the engine's raised alerts in words with
// their start time from GET /api/v1/admin/alerts. Refreshes itself every 15 seconds.

import { ApiError, api } from '../api.js';
import { isAdmin } from '../auth.js';
import { alertWords } from '../words.js';
import {
    ORDER_STATUSES, STATUS_WORDS, date, dateTime, fractionDigits, money, number, percent, shortDate,
} from '../format.js';
import { $, clear, h, renderHeader, showMessage, signInNeeded } from '../ui.js';

const DAYS = 30;
const REFRESH_MS = 15_000;
const COLORS = ['#1f5fbf', '#1b7a3d', '#b3261e', '#8a5a00', '#6a3fb5', '#00838f', '#ad1457', '#5d4037'];
const message = $('#message');
const charts = {};
const SHORT_STATUS = {
    PENDING: 'Reserving', AWAITING_PAYMENT: 'Awaiting payment', CONFIRMED: 'Confirmed', PROCESSING: 'Processing',
    PARTIALLY_SHIPPED: 'Partly shipped', SHIPPED: 'Shipped', DELIVERED: 'Delivered', PARTIALLY_RETURNED: 'Partly returned',
    REJECTED: 'Rejected', CANCELLED: 'Cancelled', RETURNED: 'Returned',
    ATTENTION: 'Needs attention',
};
let loading = false;

function utcDay(offset) {
    const day = new Date();
    day.setUTCHours(0, 0, 0, 0);
    day.setUTCDate(day.getUTCDate() - offset);
    return day.toISOString().slice(0, 10);
}

/** Runs {@code tasks} (functions returning promises) with at most {@code limit} at once. */
async function limited(tasks, limit) {
    const results = new Array(tasks.length);
    let next = 0;
    const worker = async () => {
        while (next < tasks.length) {
            const index = next++;
            results[index] = await tasks[index]();
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
    return results;
}

function table(container, headings, rows) {
    clear(container).append(h('table', {},
        h('thead', {}, h('tr', {}, headings.map((t, i) => h('th', { scope: 'col', class: i ? 'num' : null }, t)))),
        h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c, i) => i
            ? h('td', { class: 'num' }, c) : h('th', { scope: 'row' }, c)))))));
}

function draw(id, config) {
    if (!window.Chart) {
        return;
    }
    if (charts[id]) {
        charts[id].data = config.data;
        charts[id].options = config.options;
        charts[id].update('none');
        return;
    }
    charts[id] = new window.Chart($('#' + id), config);
}

function renderOverview(overview) {
    $('#card-orders-today').textContent = number(overview.ordersToday);
    $('#card-pending').textContent = number(overview.pendingCount);
    const revenue = Object.entries(overview.revenueThisMonthMinor || {});
    $('#card-revenue').textContent = revenue.length
        ? revenue.map(([currency, minor]) => money(minor, currency)).join(' · ') : money(0, 'EUR');
    const byStatus = overview.ordersByStatus || {};
    const statuses = ORDER_STATUSES;
    draw('chart-status', {
        type: 'bar',
        data: {
            labels: statuses.map((s) => SHORT_STATUS[s] || STATUS_WORDS[s]),
            datasets: [{ label: 'Orders', data: statuses.map((s) => byStatus[s] || 0), backgroundColor: COLORS[0] }],
        },
        options: {
            indexAxis: 'y', maintainAspectRatio: false, plugins: { legend: { display: false } },
            scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
        },
    });
    table($('#table-status'), ['Status', 'Orders'], statuses.map((s) => [STATUS_WORDS[s], number(byStatus[s] || 0)]));
    $('#table-status').querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.status = statuses[i]; });
}

function renderDaily(days) {
    const labels = days.map((d) => shortDate(d.date));
    const currencies = [...new Set(days.flatMap((d) => Object.keys(d.revenueMinor || {})))].sort();
    const shown = currencies.length ? currencies : ['EUR'];
    draw('chart-revenue', {
        type: 'line',
        data: {
            labels,
            datasets: shown.map((currency, i) => ({
                label: `Revenue (${currency})`, data: days.map((d) => (d.revenueMinor || {})[currency] || 0),
                borderColor: COLORS[i % COLORS.length], backgroundColor: COLORS[i % COLORS.length], tension: 0.2,
            })),
        },
        options: {
            maintainAspectRatio: false,
            plugins: { tooltip: { callbacks: { label: (c) => money(c.parsed.y, shown[c.datasetIndex]) } } },
            // amounts are minor units; at least one major unit of scale, so an all-zero month is not drawn in cents
            scales: { y: { beginAtZero: true, suggestedMax: 10 ** fractionDigits(shown[0]) * 10,
                ticks: { callback: (v) => money(v, shown[0]) } } },
        },
    });
    table($('#table-revenue'), ['Day', ...shown.map((c) => `Revenue (${c})`)],
        days.map((d) => [date(d.date), ...shown.map((c) => money((d.revenueMinor || {})[c] || 0, c))]));

    draw('chart-orders', {
        type: 'bar',
        data: { labels, datasets: [{ label: 'Orders', data: days.map((d) => d.orders || 0), backgroundColor: COLORS[0] }] },
        options: {
            maintainAspectRatio: false, plugins: { legend: { display: false } },
            scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
    });
    table($('#table-orders'), ['Day', 'Orders', 'Paid', 'Failed'],
        days.map((d) => [date(d.date), number(d.orders), number(d.succeeded), number(d.failed)]));

    draw('chart-success', {
        type: 'line',
        data: {
            labels,
            datasets: [{
                label: 'Payment success rate',
                data: days.map((d) => (d.paymentSuccessRate === null || d.paymentSuccessRate === undefined
                    ? null : Math.round(d.paymentSuccessRate * 1000) / 10)),
                borderColor: COLORS[1], backgroundColor: COLORS[1], spanGaps: true,
            }],
        },
        options: {
            maintainAspectRatio: false, plugins: { legend: { display: false } },
            scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${v} %` } } },
        },
    });
    table($('#table-success'), ['Day', 'Success rate'], days.map((d) => [date(d.date), percent(d.paymentSuccessRate)]));

    const today = days[days.length - 1];
    const alerts = (today && today.alerts) || [];
    showMessage($('#alerts'), alerts.length ? alerts.map(alertWords).join(' ') : null, 'warn');
}

/** The engine's raised alerts (evaluated by the engine on a schedule, also e-mailed and sent as webhooks). */
function renderEngineAlerts(answer) {
    const raised = ((answer && answer.items) || []).filter((alert) => alert.state === 'RAISED');
    const list = clear($('#engine-alert-list'));
    raised.forEach((alert) => list.append(h('li', { 'data-testid': `alert-${alert.rule}`, 'data-rule': alert.rule },
        h('strong', {}, alertWords(alert.rule)), ' Since ',
        h('time', { datetime: alert.since, 'data-testid': 'alert-since' }, dateTime(alert.since)), '.',
        alert.detail ? h('span', { class: 'muted' }, ' ', alert.detail) : null)));
    $('#engine-alerts').hidden = raised.length === 0;
}

async function load() {
    if (loading) {
        return;
    }
    loading = true;
    try {
        const overview = await api('/api/v1/admin/dashboard');
        renderOverview(overview);
        renderEngineAlerts(await api('/api/v1/admin/alerts'));
        const days = [];
        for (let offset = DAYS - 1; offset >= 0; offset--) {
            days.push(utcDay(offset));
        }
        const daily = await limited(days.map((day) => () => api('/api/v1/admin/metrics/daily', { query: { date: day } })
            .then((m) => ({ ...m, date: m && m.date ? m.date : day }))
            .catch((e) => {
                if (e instanceof ApiError && e.status === 404 && !e.endpointMissing) {
                    return { date: day, orders: 0, succeeded: 0, failed: 0, revenueMinor: {}, paymentSuccessRate: null };
                }
                throw e;
            })), 6);
        renderDaily(daily);
        showMessage(message, null);
        $('#updated').textContent = `Updated ${new Date().toLocaleTimeString()}`;
        $('#content').dataset.loadedAt = String(Date.now());
    } catch (e) {
        showMessage(message, e);
    } finally {
        loading = false;
    }
}

renderHeader();
if (!isAdmin()) {
    signInNeeded($('#content'), 'The dashboard', true);
} else if (!window.Chart) {
    showMessage(message, 'The charting library could not be loaded; the numbers are in the tables below each chart.');
    load();
} else {
    window.Chart.defaults.animation = false;
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    $('#refresh').addEventListener('click', load);
    load();
    setInterval(() => {
        if (!document.hidden) {
            load();
        }
    }, REFRESH_MS);
}
