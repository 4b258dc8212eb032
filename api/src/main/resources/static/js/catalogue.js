// The catalogue as the shop and the checkout read it: GET /api/v1/skus (active SKUs with availability).

import { api, itemsOf } from './api.js';

/** One page of the catalogue: {items, page, size, total}. */
export function cataloguePage(page, size) {
    return api('/api/v1/skus', { query: { page, size } });
}

/** Every SKU in the catalogue by code (walks the pages; the cart needs the current price of each line). */
export async function catalogueBySku() {
    const bySku = new Map();
    const size = 500;
    for (let page = 0; ; page++) {
        const answer = await cataloguePage(page, size);
        const items = itemsOf(answer);
        items.forEach((sku) => bySku.set(sku.sku, sku));
        if (items.length < size || bySku.size >= (answer.total || 0)) {
            return bySku;
        }
    }
}

/** Words for a SKU's availability, with a tone for styling ("out", "low" or ""). */
export function availability(sku) {
    const available = Math.max(0, Number(sku.available || 0));
    if (available === 0) {
        return { text: 'Out of stock', tone: 'out' };
    }
    if (sku.lowStock || available <= Math.max(3, Number(sku.lowStockThreshold || 0))) {
        return { text: `Only ${available} left`, tone: 'low' };
    }
    return { text: `${available} in stock`, tone: '' };
}
