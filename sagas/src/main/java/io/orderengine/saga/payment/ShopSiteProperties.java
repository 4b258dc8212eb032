package io.orderengine.saga.payment;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where shoppers reach the shop's pages, for the links a payment provider sends them back on
 * ({@code engine.shop.public-base-url}, e.g. {@code https://shop.example}). Unset: the engine's own address on this
 * machine ({@code http://localhost:<port>}), which is right for a demo only.
 */
@ConfigurationProperties("engine.shop")
public record ShopSiteProperties(String publicBaseUrl) {

    public ShopSiteProperties {
        if (publicBaseUrl != null && publicBaseUrl.isBlank()) {
            publicBaseUrl = null;
        }
        if (publicBaseUrl != null) {
            publicBaseUrl = publicBaseUrl.strip().replaceAll("/+$", "");
            URI uri;
            try {
                uri = new URI(publicBaseUrl);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(
                        "engine.shop.public-base-url '" + publicBaseUrl + "' is not a URL: " + e.getMessage());
            }
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    || uri.getHost() == null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("engine.shop.public-base-url '" + publicBaseUrl
                        + "' must be an absolute http(s) URL without query or fragment, e.g. https://shop.example");
            }
        }
    }
}
