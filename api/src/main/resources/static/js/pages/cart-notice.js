// The notice "Back to cart" leaves for the cart page (js/order-recovery.js): which order's items came back and what
// had to change (quantities lowered to what is in stock, items left out). Shown once, at the top of the cart.

import { CART_NOTICE } from '../order-recovery.js';
import { $, showMessage } from '../ui.js';

let notice = null;
try {
    notice = JSON.parse(sessionStorage.getItem(CART_NOTICE) || 'null');
} catch {
    notice = null;
}
sessionStorage.removeItem(CART_NOTICE);
if (notice && typeof notice.text === 'string') {
    const region = $('#cart-notice');
    showMessage(region, notice.text, notice.tone === 'warn' ? 'warn' : 'ok');
    region.focus();
}
