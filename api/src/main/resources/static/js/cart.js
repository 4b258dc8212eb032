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
