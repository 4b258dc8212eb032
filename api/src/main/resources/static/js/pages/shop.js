// Catalogue and cart: SKUs with price and availability; "Add to cart" keeps the cart in the browser.

import { addToCart, cart } from '../cart.js';
import { availability, cataloguePage } from '../catalogue.js';
import { money } from '../format.js';
import { $, clear, h, pager, productImage, renderHeader, showMessage, updateCartCount } from '../ui.js';

const PAGE_SIZE = 12;
const message = $('#message');

function product(sku) {
    const inCart = cart().items.find((item) => item.sku === sku.sku);
    const stock = availability(sku);
    const quantityId = `qty-${sku.sku}`;
    const quantity = h('input', {
        id: quantityId, class: 'qty', type: 'number', min: '1', max: String(Math.max(1, Math.min(1000, sku.available))),
        value: '1', inputmode: 'numeric', name: 'quantity',
    });
    const add = h('button', { type: 'submit', dataset: { sku: sku.sku, testid: 'add-to-cart' } }, 'Add to cart');
    // what happened is said in the product's own box, next to the button (the top of the page may be far away)
    const said = h('div', { class: 'message form-message', hidden: true, dataset: { sku: sku.sku, testid: 'added' } });
    add.disabled = sku.available <= 0;
    const form = h('form', { class: 'inline-form', 'aria-label': `Add ${sku.name} to the cart` },
        h('div', { class: 'field' }, h('label', { for: quantityId }, 'Quantity'), quantity),
        add);
    form.addEventListener('submit', (event) => {
        event.preventDefault();
        const wanted = Number(quantity.value);
        if (!Number.isInteger(wanted) || wanted < 1) {
            showMessage(said, 'Enter a quantity of at least 1.');
            quantity.focus();
            return;
        }
        const already = (cart().items.find((item) => item.sku === sku.sku) || { quantity: 0 }).quantity;
        if (already + wanted > sku.available) {
            showMessage(said, `Only ${sku.available} of ${sku.name} available; you have ${already} in the cart.`);
            return;
        }
        try {
            addToCart(sku.sku, sku.currency, wanted);
            updateCartCount();
            showMessage(said, `Added ${wanted} × ${sku.name} to the cart.`, 'ok');
        } catch (e) {
            showMessage(said, e.message);
        }
    });
    const attributes = Object.entries(sku.attributes || {}).map(([name, value]) => `${name}: ${value}`).join(' · ');
    return h('li', { class: 'panel product', dataset: { sku: sku.sku } },
        productImage(sku.imageUrl),
        h('h2', {}, sku.name),
        h('div', { class: 'muted small' }, `SKU ${sku.sku}`, attributes ? ` · ${attributes}` : ''),
        h('div', { class: 'price' }, money(sku.priceMinor, sku.currency)),
        h('div', { class: `availability ${stock.tone}`, dataset: { available: String(sku.available) } }, stock.text),
        inCart ? h('div', { class: 'small muted' }, `${inCart.quantity} in your cart`) : null,
        form,
        said);
}

async function load(page) {
    try {
        const answer = await cataloguePage(page, PAGE_SIZE);
        $('#loading').hidden = true;
        const list = clear($('#catalogue'));
        if (!answer.items.length) {
            list.append(h('li', { class: 'panel' }, 'Nothing for sale yet.'));
        }
        answer.items.forEach((sku) => list.append(product(sku)));
        pager($('#pager'), answer, load, 'products');
    } catch (e) {
        $('#loading').hidden = true;
        showMessage(message, e);
    }
}

renderHeader();
load(0);
