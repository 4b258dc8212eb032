// Who is signed in: the bearer token lives in sessionStorage (gone when the tab closes). The token's claims are
// read only to label the page (subject, roles, expiry); the server checks the signature on every call.

const TOKEN_KEY = 'oe.token';

function decodePart(part) {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
}

/** The claims of a JWT, or null if it is not one. */
export function claimsOf(token) {
    const parts = String(token || '').split('.');
    if (parts.length !== 3) {
        return null;
    }
    try {
        return decodePart(parts[1]);
    } catch {
        return null;
    }
}

/** The current session: {token, subject, roles, expiresAt} or null when nobody is signed in (or it expired). */
export function session() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) {
        return null;
    }
    const claims = claimsOf(token);
    if (!claims) {
        sessionStorage.removeItem(TOKEN_KEY);
        return null;
    }
    const expiresAt = claims.exp ? new Date(claims.exp * 1000) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) {
        sessionStorage.removeItem(TOKEN_KEY);
        return null;
    }
    const roles = Array.isArray(claims.roles) ? claims.roles : [];
    return { token, subject: claims.sub || '(unknown)', roles, expiresAt };
}

export function token() {
    const current = session();
    return current ? current.token : null;
}

export function isAdmin() {
    const current = session();
    return Boolean(current && current.roles.includes('ADMIN'));
}

export function signIn(newToken) {
    if (!claimsOf(newToken)) {
        throw new Error('This is not a sign-in token (expected three dot-separated parts).');
    }
    sessionStorage.setItem(TOKEN_KEY, newToken.trim());
}

export function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
}
