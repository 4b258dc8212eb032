package io.orderengine.testkit.gateways;

import com.github.tomakehurst.wiremock.http.Request;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request side of the {@link StripeEmulator}: Stripe takes its parameters form-encoded
 * ({@code amount=1250&currency=eur}), in the query of a GET and the body of a POST; this decodes them by name.
 */
final class StripeForm {

    private StripeForm() {}

    /** The query's parameters and, for a form-encoded body, the body's (which win over the query's). */
    static Map<String, String> parameters(Request request) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(request.getUrl()).getRawQuery();
        parse(query, params);
        String type = request.getHeader("Content-Type");
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            parse(request.getBodyAsString(), params);
        }
        return params;
    }

    private static void parse(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            int at = pair.indexOf('=');
            String name = URLDecoder.decode(at < 0 ? pair : pair.substring(0, at), StandardCharsets.UTF_8);
            String value = at < 0 ? "" : URLDecoder.decode(pair.substring(at + 1), StandardCharsets.UTF_8);
            into.put(name, value);
        }
    }
}
