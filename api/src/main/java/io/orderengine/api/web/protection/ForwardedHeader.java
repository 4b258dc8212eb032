package io.orderengine.api.web.protection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * The header a trusted proxy names the client in ({@code engine.web.forwarded-header}). Only one is read: a proxy
 * appends to the header it manages and passes the other through untouched, so a client could write anything there.
 */
public enum ForwardedHeader {
    /** {@code X-Forwarded-For: client, proxy1, proxy2} (nginx {@code $proxy_add_x_forwarded_for}, most balancers). */
    X_FORWARDED_FOR("X-Forwarded-For"),
    /** RFC 7239 {@code Forwarded: for=client;proto=https, for="[2001:db8::1]:4711"}; the {@code for} parameters. */
    FORWARDED("Forwarded");

    private final String headerName;

    ForwardedHeader(String headerName) {
        this.headerName = headerName;
    }

    public String headerName() {
        return headerName;
    }

    static boolean isForwardingHeader(String name) {
        for (ForwardedHeader header : values()) {
            if (header.headerName.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The hops the header lines name, left (farthest) to right (nearest); a hop without an address is "". */
    List<String> hops(Enumeration<String> lines) {
        List<String> hops = new ArrayList<>();
        for (String line : lines == null ? List.<String>of() : Collections.list(lines)) {
            for (String element : split(line, ',')) {
                hops.add(this == X_FORWARDED_FOR ? element.trim() : forParameter(element));
            }
        }
        return hops;
    }

    private static String forParameter(String element) {
        for (String pair : split(element, ';')) {
            int equals = pair.indexOf('=');
            if (equals > 0
                    && pair.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("for")) {
                return pair.substring(equals + 1).trim();
            }
        }
        return "";
    }

    /** Splits on {@code separator} outside RFC 7230 quoted strings. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
