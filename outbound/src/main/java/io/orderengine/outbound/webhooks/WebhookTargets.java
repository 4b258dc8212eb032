package io.orderengine.outbound.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Where outbound webhooks may be sent. An admin who could point an endpoint at {@code 127.0.0.1:27017},
 * {@code 169.254.169.254} or {@code 10.0.0.5:8080} would make the engine probe its own network and read the status
 * codes back from the delivery log. So a target's host is resolved and <em>every</em> address it resolves to must be
 * public: not unspecified, loopback, link-local ({@code 169.254/16}, {@code fe80::/10}), private (RFC 1918,
 * {@code 100.64/10}, IPv6 ULA {@code fc00::/7}, site-local {@code fec0::/10}), multicast, broadcast or reserved
 * ({@code 0/8}, {@code 240/4}); IPv4 addresses inside IPv6 ones (mapped, compatible, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) are judged by the IPv4 address. {@code engine.webhooks.allow-private-targets=true} lifts that rule
 * (a receiver on the same private network, tests). Never allowed: this engine's own HTTP port(s) on an address of this
 * machine, so the engine cannot be made to call its own API.
 *
 * <p>Checked when an endpoint is registered ({@link #check}, 422 there) and again right before every delivery
 * ({@link #checkBeforeDelivery}), against the DNS answer of that moment, so a name that later resolves to a private
 * address (DNS rebinding) is refused then. The JDK HTTP client resolves the name once more when it connects and cannot
 * be handed the checked address; the JVM's DNS cache ({@code networkaddress.cache.ttl}, 30 s by default) normally makes
 * that lookup answer the same addresses, but it is not a pin. Operators who need a hard guarantee put deliveries
 * behind an egress proxy or firewall that allows public addresses only.
 */
@Component
public class WebhookTargets {

    /** How host names are resolved; the JVM's resolver in production, a stub in tests. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** A target the rule above refuses; the message is safe to show to admins and names no address. */
    public static class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    private final boolean allowPrivate;
    private final Resolver resolver;
    private final Set<Integer> ownPorts = ConcurrentHashMap.newKeySet();

    @Autowired
    public WebhookTargets(WebhookProperties properties) {
        this(properties.allowPrivateTargets(), host -> Arrays.asList(InetAddress.getAllByName(host)));
    }

    public WebhookTargets(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    @EventListener
    void webServerStarted(WebServerInitializedEvent event) {
        ownPort(event.getWebServer().getPort());
    }

    /** A port this engine listens on (the API's, a separate management port). */
    public void ownPort(int port) {
        if (port > 0) {
            ownPorts.add(port);
        }
    }

    /**
     * At registration: refused when the host resolves to an address the rule forbids. A name that does not resolve
     * now is accepted (DNS may be down for a moment); its deliveries fail until it resolves to an allowed address.
     */
    public void check(URI target) {
        try {
            check(target, resolver.resolve(host(target)));
        } catch (UnknownHostException e) {
            // judged again before each delivery
        }
    }

    /** Right before a delivery: the addresses the host resolves to now, every one of them allowed. */
    public List<InetAddress> checkBeforeDelivery(URI target) {
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host(target));
        } catch (UnknownHostException e) {
            throw new RefusedException("the target's host does not resolve");
        }
        check(target, addresses);
        return addresses;
    }

    private void check(URI target, List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new RefusedException("the target's host does not resolve");
        }
        int port = port(target);
        for (InetAddress address : addresses) {
            if (ownPorts.contains(port) && isThisMachine(address)) {
                throw new RefusedException("the target is this engine itself");
            }
            if (!allowPrivate && !isPublic(address)) {
                throw new RefusedException("the target resolves to a loopback, link-local, private, unspecified, "
                        + "multicast or reserved address (engine.webhooks.allow-private-targets is false)");
            }
        }
    }

    private static String host(URI target) {
        String host = target.getHost();
        if (host == null) {
            throw new RefusedException("the target has no host");
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(URI target) {
        if (target.getPort() != -1) {
            return target.getPort();
        }
        return "https".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
    }

    /** Whether {@code address} is routable on the public internet by the rule in the class comment. */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicIpv4(bytes);
        }
        if (address instanceof Inet6Address v6) {
            if ((bytes[0] & 0xfe) == 0xfc) {
                return false; // fc00::/7, unique local
            }
            byte[] embedded = embeddedIpv4(v6, bytes);
            return embedded == null || isPublicIpv4(embedded);
        }
        return false;
    }

    private static boolean isPublicIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return !(first == 0 // 0/8, "this network"
                || first == 10
                || first == 127
                || (first == 100 && second >= 64 && second <= 127) // 100.64/10, carrier-grade NAT
                || (first == 169 && second == 254)
                || (first == 172 && second >= 16 && second <= 31)
                || (first == 192 && second == 168)
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0/24, IETF assignments
                || (first == 198 && (second == 18 || second == 19)) // 198.18/15, benchmarking
                || first >= 224); // multicast, 240/4 reserved, broadcast
    }

    /** The IPv4 address an IPv6 address carries (compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
    private static byte[] embeddedIpv4(Inet6Address address, byte[] b) {
        if (address.isIPv4CompatibleAddress()) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Arrays.copyOfRange(b, 2, 6);
        }
        return null;
    }

    private static boolean isThisMachine(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
