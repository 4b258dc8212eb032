// Order facts shared by the customer pages: which statuses a customer may cancel in, guest order links.

/** The owner may cancel while the order is placed, awaiting payment or confirmed (PRODUCT.md). */
export const CUSTOMER_CANCELLABLE = ['PENDING', 'AWAITING_PAYMENT', 'CONFIRMED'];

/** No further status change will happen. */
export const FINAL = ['REJECTED', 'CANCELLED', 'RETURNED', 'DELIVERED'];

/** Orders that were paid have an invoice. */
export const INVOICED = ['CONFIRMED', 'PROCESSING', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'PARTIALLY_RETURNED', 'RETURNED'];

const GUEST_ORDERS = 'oe.guestOrders';

/** Keeps a guest's order link in this browser, so "My orders" can offer it again. */
export function rememberGuestOrder(orderId, orderNumber, token) {
    const list = guestOrders().filter((o) => o.orderId !== orderId);
    list.unshift({ orderId, orderNumber, token, at: new Date().toISOString() });
    localStorage.setItem(GUEST_ORDERS, JSON.stringify(list.slice(0, 20)));
}

export function guestOrders() {
    try {
        const list = JSON.parse(localStorage.getItem(GUEST_ORDERS) || '[]');
        return Array.isArray(list) ? list : [];
    } catch {
        return [];
    }
}

/** The token this browser remembered for a guest order, or null. */
export function rememberedGuestToken(orderId) {
    const remembered = guestOrders().find((o) => o.orderId === orderId);
    return remembered && remembered.token ? remembered.token : null;
}

/** The page that shows an order, with the guest's token when there is one. */
export function orderLink(orderId, token) {
    const query = new URLSearchParams({ id: orderId });
    if (token) {
        query.set('token', token);
    }
    return '/order.html?' + query.toString();
}

/** Downloads a PDF the API serves (with the bearer token or the guest token) and saves it under {@code name}. */
export async function downloadPdf(api, path, query, name) {
    const blob = await api(path, { query, as: 'blob', headers: { Accept: 'application/pdf, application/problem+json' } });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
