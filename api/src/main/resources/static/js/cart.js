// The cart, kept in the browser (localStorage): SKU codes and quantities only. Names, prices and availability are
// always read fresh from the catalogue, and the server prices the order from the SKUs, never from the cart.

const CART_KEY = 'oe.cart';
export const MAX_QUANTITY = 1000;

function read() {
    try {
        const cart = JSON.parse(localStorage.getItem(CART_KEY) || 'null');
        if (cart && Array.isArray(cart.items)) {
            return cart;
        }
    } catch {
        // an unreadable cart is treated as empty
    }
    return { currency: null, items: [] };
}

function write(cart) {
    if (!cart.items.length) {
        cart.currency = null;
    }
    localStorage.setItem(CART_KEY, JSON.stringify(cart));
}

export function cart() {
    return read();
}

export function cartCount() {
    return read().items.reduce((sum, item) => sum + item.quantity, 0);
}

/**
 * Adds {@code quantity} of a SKU. A cart holds one currency (an order is paid in one): adding a SKU priced in
 * another currency throws with a sentence saying so.
 */
export function addToCart(sku, currency, quantity) {
    const current = read();
    if (current.currency && current.currency !== currency && current.items.length) {
        throw new Error(`Your cart is in ${current.currency}; ${sku} is priced in ${currency}. `
            + 'Check out or empty the cart first.');
    }
    current.currency = currency;
    const line = current.items.find((item) => item.sku === sku);
    if (line) {
        line.quantity = Math.min(MAX_QUANTITY, line.quantity + quantity);
    } else {
        current.items.push({ sku, quantity: Math.min(MAX_QUANTITY, quantity) });
    }
    write(current);
}

/** Sets a line's quantity; zero removes the line. */
export function setQuantity(sku, quantity) {
    const current = read();
    if (quantity <= 0) {
        current.items = current.items.filter((item) => item.sku !== sku);
    } else {
        const line = current.items.find((item) => item.sku === sku);
        if (line) {
            line.quantity = Math.min(MAX_QUANTITY, quantity);
        }
    }
    write(current);
}

export function emptyCart() {
    localStorage.removeItem(CART_KEY);
}

/**
 * Puts an order's lines back into the cart (after a stock rejection or a cancel), each at most what the catalogue
 * says is available now ({@code catalogue}: SKU code → catalogue entry). A line already in the cart gets the order's
 * quantity (pressing twice does not double it); other lines of the cart stay. Returns what could not be put back as
 * it was: {sku, name, wanted, now} with now 0 for a SKU out of stock or no longer sold. Throws with a sentence when
 * the cart holds another currency.
 */
export function restoreCart(lines, currency, catalogue) {
    const current = read();
    if (current.currency && current.currency !== currency && current.items.length) {
        throw new Error(`Your cart is in ${current.currency}; this order was in ${currency}. `
            + 'Check out or empty the cart first.');
    }
    const changes = [];
    for (const line of lines) {
        const sku = catalogue.get(line.sku);
        const available = sku && sku.currency === currency ? Math.max(0, Number(sku.available || 0)) : 0;
        const quantity = Math.min(line.quantity, available, MAX_QUANTITY);
        if (quantity < line.quantity) {
            changes.push({ sku: line.sku, name: line.name || line.sku, wanted: line.quantity, now: quantity });
        }
        current.items = current.items.filter((item) => item.sku !== line.sku);
        if (quantity > 0) {
            current.items.push({ sku: line.sku, quantity });
        }
    }
    current.currency = currency;
    write(current);
    return changes;
}
