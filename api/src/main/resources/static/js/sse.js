// Server-sent events read with fetch, so the stream can carry the bearer token of a signed-in customer
// (EventSource cannot send headers). Parses the text/event-stream format: "event:", "data:", "id:" lines, a blank
// line ends an event, lines starting with ":" are comments (keep-alives).

import { token } from './auth.js';

/**
 * Opens the stream at {@code url}. Calls onOpen() once the server answered 200, onEvent({event, data, id}) per
 * event and onClose(error) when the stream ends (error null when the server closed it normally; otherwise it has
 * the HTTP status and problem+json body when there was an answer). Returns a function that closes the stream.
 */
export function openStream(url, { onOpen, onEvent, onClose }) {
    const controller = new AbortController();
    const headers = { Accept: 'text/event-stream' };
    const bearer = token();
    if (bearer) {
        headers.Authorization = 'Bearer ' + bearer;
    }
    (async () => {
        let response;
        try {
            response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
        } catch (e) {
            if (!controller.signal.aborted) {
                onClose(e);
            }
            return;
        }
        const type = response.headers.get('Content-Type') || '';
        if (!response.ok || !type.includes('text/event-stream')) {
            let problem = null;
            if (type.includes('json')) {
                problem = await response.json().catch(() => null);
            }
            onClose(Object.assign(new Error(`stream answered ${response.status}`), { status: response.status, problem }));
            return;
        }
        onOpen();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        let event = { event: 'message', data: [], id: null };
        try {
            for (;;) {
                const { value, done } = await reader.read();
                if (done) {
                    break;
                }
                buffer += value;
                let newline;
                while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
                    const line = buffer.slice(0, newline);
                    buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
                    if (line === '') {
                        if (event.data.length) {
                            onEvent({ event: event.event, data: event.data.join('\n'), id: event.id });
                        }
                        event = { event: 'message', data: [], id: null };
                    } else if (!line.startsWith(':')) {
                        const colon = line.indexOf(':');
                        const field = colon < 0 ? line : line.slice(0, colon);
                        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
                        if (field === 'data') {
                            event.data.push(text);
                        } else if (field === 'event') {
                            event.event = text;
                        } else if (field === 'id') {
                            event.id = text;
                        }
                    }
                }
            }
            onClose(null);
        } catch (e) {
            if (!controller.signal.aborted) {
                onClose(e);
            }
        }
    })();
    return () => controller.abort();
}
