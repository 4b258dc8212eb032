package io.orderengine.api.web.protection;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who the client of a request is ({@code engine.web.*}). By default nobody is trusted: the connecting address is the
 * client and forwarding headers are ignored. Behind a reverse proxy, list the proxy's address (or its network) so
 * that the client it names counts instead of the proxy: rate limits, logs and request ids then see each client.
 *
 * @param trustedProxies  addresses or CIDRs, IPv4 or IPv6 ({@code 172.28.0.10}, {@code 10.0.0.0/8}, {@code fd00::/8})
 *                        whose {@code forwardedHeader} is believed; never list an address clients can connect from
 * @param forwardedHeader the header those proxies write: {@code x-forwarded-for} (default) or {@code forwarded}
 */
@ConfigurationProperties("engine.web")
public record ClientAddressProperties(
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("x-forwarded-for") ForwardedHeader forwardedHeader) {

    public ClientAddressProperties {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        forwardedHeader = forwardedHeader == null ? ForwardedHeader.X_FORWARDED_FOR : forwardedHeader;
        TrustedProxies.of(trustedProxies);
    }

    static ClientAddressProperties none() {
        return new ClientAddressProperties(List.of(), ForwardedHeader.X_FORWARDED_FOR);
    }
}
