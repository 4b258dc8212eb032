// Sign-in. In demo mode the engine issues tokens itself (POST /api/v1/dev/tokens: any subject, role CUSTOMER or
// ADMIN); otherwise that endpoint answers 404, sign-in belongs to the shop's identity provider, and the page
// accepts a pasted access token. The token is kept in sessionStorage only.

import { ApiError, api } from '../api.js';
import { claimsOf, signIn } from '../auth.js';
import { $, clearFieldErrors, param, placeFieldErrors, renderHeader, setFieldError, showMessage } from '../ui.js';

const message = $('#message');

function destination(roles) {
    const next = param('next');
    if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin.html')) {
        return next;
    }
    return roles.includes('ADMIN') ? '/admin/index.html' : '/orders.html';
}

async function probeDemo() {
    try {
        // an empty body: demo mode answers 400 (validation), any other mode has no such endpoint (404)
        await api('/api/v1/dev/tokens', { method: 'POST', body: {}, anonymous: true });
        return true;
    } catch (e) {
        return !(e instanceof ApiError && (e.status === 404 || e.status === 405));
    }
}

async function demoSignIn(event) {
    event.preventDefault();
    const form = $('#demo-form');
    clearFieldErrors(form);
    showMessage(message, null);
    const subject = $('#subject');
    if (!subject.checkValidity()) {
        setFieldError(subject, subject.validity.valueMissing ? 'Enter a name.'
            : 'Use only letters, digits, dots, dashes, underscores and @.');
        subject.focus();
        return;
    }
    const role = form.querySelector('input[name="role"]:checked').value;
    try {
        const answer = await api('/api/v1/dev/tokens', {
            method: 'POST', body: { subject: subject.value.trim(), roles: [role] }, anonymous: true,
        });
        signIn(answer.token);
        location.assign(destination([role]));
    } catch (e) {
        if (e instanceof ApiError) {
            placeFieldErrors(form, e);
        }
        showMessage(message, e);
    }
}

function tokenSignIn(event) {
    event.preventDefault();
    const field = $('#token');
    clearFieldErrors($('#token-form'));
    try {
        signIn(field.value);
        const roles = claimsOf(field.value.trim()).roles || [];
        location.assign(destination(roles));
    } catch (e) {
        setFieldError(field, e.message);
        field.focus();
    }
}

renderHeader();
probeDemo().then((demo) => {
    $(demo ? '#demo-form' : '#token-form').hidden = false;
    (demo ? $('#subject') : $('#token')).focus();
});
$('#demo-form').addEventListener('submit', demoSignIn);
$('#token-form').addEventListener('submit', tokenSignIn);
