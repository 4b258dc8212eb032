package io.orderengine.api.web.protection;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The proxies whose forwarding headers are believed ({@code engine.web.trusted-proxies}: addresses or CIDRs, IPv4 or
 * IPv6), and the walk that finds the client behind them. Only address literals are ever parsed: nothing here looks a
 * name up in DNS, whatever a header says.
 */
public final class TrustedProxies {

    /** More hops than any real proxy chain; a longer header stops the walk at the last trusted hop. */
    static final int MAX_HOPS = 32;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

    private final List<IpAddressMatcher> matchers;

    private TrustedProxies(List<IpAddressMatcher> matchers) {
        this.matchers = matchers;
    }

    /**
     * @param entries addresses ({@code 10.0.0.7}, {@code ::1}) or CIDRs ({@code 172.28.0.0/24}, {@code fd00::/8})
     * @throws IllegalArgumentException naming the first entry that is neither
     */
    public static TrustedProxies of(List<String> entries) {
        return new TrustedProxies(entries.stream()
                .map(String::trim)
                .filter(entry -> !entry.isEmpty())
                .map(TrustedProxies::matcher)
                .toList());
    }

    private static IpAddressMatcher matcher(String entry) {
        String[] parts = entry.split("/", -1);
        Optional<InetAddress> address = parts.length <= 2 ? literal(parts[0]) : Optional.empty();
        if (address.isEmpty() || (parts.length == 2 && !validPrefix(parts[1], address.get()))) {
            throw new IllegalArgumentException("engine.web.trusted-proxies: '" + entry
                    + "' is not an IP address or CIDR (e.g. 10.0.0.7, 172.28.0.0/24, fd00::/8)");
        }
        String normalized = address.get().getHostAddress() + (parts.length == 2 ? "/" + parts[1] : "");
        return new IpAddressMatcher(normalized);
    }

    private static boolean validPrefix(String bits, InetAddress address) {
        int max = address instanceof Inet6Address ? 128 : 32;
        return bits.matches("\\d{1,3}") && Integer.parseInt(bits) <= max;
    }

    public boolean isEmpty() {
        return matchers.isEmpty();
    }

    boolean trusts(InetAddress address) {
        String literal = address.getHostAddress();
        return matchers.stream().anyMatch(matcher -> matcher.matches(literal));
    }

    /**
     * The client of a request: the connecting address unless that is a trusted proxy; then the hops the proxies
     * named ({@code hops}, left to right as in the header) are walked from the right, trusted hops are skipped, and
     * the first untrusted address is the client. A hop that is not an address ({@code unknown}, an obfuscated name,
     * garbage) ends the walk at the last trusted hop; so does a chain of only trusted hops (at its leftmost). The
     * answer is a normalized address literal.
     */
    public String client(String remoteAddress, List<String> hops) {
        Optional<InetAddress> connecting = literal(remoteAddress);
        if (connecting.isEmpty()) {
            return remoteAddress;
        }
        InetAddress current = connecting.get();
        for (int i = hops.size() - 1, walked = 0; i >= 0 && walked < MAX_HOPS && trusts(current); i--, walked++) {
            Optional<InetAddress> hop = hopAddress(hops.get(i));
            if (hop.isEmpty()) {
                break;
            }
            current = hop.get();
        }
        return current.getHostAddress();
    }

    /**
     * An address as hops write it: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1},
     * {@code [2001:db8::1]} or {@code [2001:db8::1]:4711}, optionally in double quotes (RFC 7239).
     */
    static Optional<InetAddress> hopAddress(String hop) {
        String value = hop.trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1).trim();
        }
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0 || !(end == value.length() - 1 || value.charAt(end + 1) == ':')) {
                return Optional.empty();
            }
            return literal(value.substring(1, end)).filter(Inet6Address.class::isInstance);
        }
        int colon = value.indexOf(':');
        if (colon > 0 && colon == value.lastIndexOf(':')) {
            value = value.substring(0, colon);
        }
        return literal(value);
    }

    /** An IPv4 or IPv6 literal (no zone id), or empty: never a name, never a DNS lookup. */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        boolean v4 = IPV4.matcher(text).matches();
        boolean v6 = !v4 && text.indexOf(':') >= 0 && IPV6.matcher(text).matches();
        if (v4) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255 || (octet.length() > 1 && octet.startsWith("0"))) {
                    return Optional.empty();
                }
            }
        }
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            // a literal: InetAddress parses it and asks no resolver
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
