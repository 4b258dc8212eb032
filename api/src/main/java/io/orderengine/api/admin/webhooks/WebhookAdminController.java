package io.orderengine.api.admin.webhooks;

import io.orderengine.api.web.ApiException;
import io.orderengine.api.web.PageParameters;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.outbound.webhooks.WebhookDeliveries;
import io.orderengine.outbound.webhooks.WebhookEndpoints;
import io.orderengine.outbound.webhooks.WebhookEventType;
import io.orderengine.outbound.webhooks.WebhookTargets;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins register the endpoints that receive outbound webhooks (ERPs, warehouses), see each endpoint's delivery log
 * and send a delivery again. Under {@code /api/v1/admin}, so only ADMIN tokens get here. Targets on loopback, link-local,
 * private, unspecified or multicast addresses, or on this engine's own port, are refused with 422
 * {@code webhook-target-refused} ({@link WebhookTargets}; {@code engine.webhooks.allow-private-targets} lifts the first).
 */
@RestController
@Validated
class WebhookAdminController {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID = "[0-9a-f-]{36}";

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookTargets targets;
    private final Clock clock;

    WebhookAdminController(
            WebhookEndpoints endpoints, WebhookDeliveries deliveries, WebhookTargets targets, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.targets = targets;
        this.clock = clock;
    }

    /**
     * @param secret the signing secret (16 to 256 characters); when null, one is generated and returned once
     */
    record RegisterRequest(
            @NoInvisibleCharacters(allowJoiners = false) @NotBlank @Size(max = 2000)
            String url,

            @NoInvisibleCharacters(allowJoiners = false) @Size(min = 16, max = 256)
            String secret,

            @NotEmpty @Size(max = 10) List<@NoInvisibleCharacters(allowJoiners = false) @NotBlank String> eventTypes,
            @NoInvisibleCharacters @Size(max = 500) String description) {}

    /** An endpoint as admins see it; {@code secret} only in the answer to its registration. */
    record EndpointView(
            String id, String url, List<String> eventTypes, String description, Instant createdAt, String secret) {
        static EndpointView of(WebhookEndpoints.Endpoint endpoint, boolean withSecret) {
            return new EndpointView(
                    endpoint.id(),
                    endpoint.url(),
                    endpoint.eventTypes(),
                    endpoint.description(),
                    endpoint.createdAt(),
                    withSecret ? endpoint.secret() : null);
        }
    }

    record EndpointPage(List<EndpointView> items, int page, int size, long total) {}

    /**
     * One delivery in the log: status, tries, the last answer or error, when the next try is due, and the exact
     * JSON body that is (or was) posted.
     */
    record DeliveryView(
            String id,
            String endpointId,
            String eventId,
            String eventType,
            String status,
            int attempts,
            Integer lastStatusCode,
            String lastError,
            Instant nextAttemptAt,
            Instant lastAttemptAt,
            Instant deliveredAt,
            Instant createdAt,
            String body) {
        static DeliveryView of(WebhookDeliveries.Delivery d) {
            return new DeliveryView(
                    d.id(),
                    d.endpointId(),
                    d.eventId(),
                    d.eventType(),
                    d.status().name(),
                    d.attempts(),
                    d.lastStatusCode(),
                    d.lastError(),
                    d.nextAttemptAt(),
                    d.lastAttemptAt(),
                    d.deliveredAt(),
                    d.createdAt(),
                    d.body());
        }
    }

    private static String knownEventTypes() {
        return Arrays.stream(WebhookEventType.values())
                .map(WebhookEventType::wireName)
                .collect(Collectors.joining(", "));
    }

    record DeliveryPage(List<DeliveryView> items, int page, int size, long total) {}

    @PostMapping("/api/v1/admin/webhooks")
    ResponseEntity<EndpointView> register(@Valid @RequestBody RegisterRequest request) {
        List<WebhookEventType> types = request.eventTypes().stream()
                .map(name -> WebhookEventType.fromWire(name)
                        .orElseThrow(() -> ApiException.badRequest(
                                "validation", "Unknown event type '" + name + "'; known: " + knownEventTypes() + ".")))
                .toList();
        String secret = request.secret() != null ? request.secret() : newSecret();
        URI target = checkedUrl(request.url());
        try {
            targets.check(target);
        } catch (WebhookTargets.RefusedException e) {
            throw ApiException.unprocessable(
                    "webhook-target-refused", "Field 'url' is refused: " + e.getMessage() + ".");
        }
        WebhookEndpoints.Endpoint endpoint =
                endpoints.register(target.toString(), secret, types, request.description());
        return ResponseEntity.created(URI.create("/api/v1/admin/webhooks/" + endpoint.id()))
                .body(EndpointView.of(endpoint, true));
    }

    @GetMapping("/api/v1/admin/webhooks")
    EndpointPage list(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        PageRequest asked = PageParameters.page(page, size);
        return new EndpointPage(
                endpoints.page(asked.page(), asked.size()).stream()
                        .map(e -> EndpointView.of(e, false))
                        .toList(),
                asked.page(),
                asked.size(),
                endpoints.count());
    }

    @DeleteMapping("/api/v1/admin/webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable @Pattern(regexp = ID) String id) {
        if (!endpoints.delete(id)) {
            throw ApiException.notFound("Webhook endpoint " + id);
        }
        deliveries.cancelPendingOf(id);
    }

    @GetMapping("/api/v1/admin/webhooks/{id}/deliveries")
    DeliveryPage deliveries(
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        PageRequest asked = PageParameters.page(page, size);
        if (endpoints.find(id).isEmpty()) {
            throw ApiException.notFound("Webhook endpoint " + id);
        }
        return new DeliveryPage(
                deliveries.ofEndpoint(id, asked.page(), asked.size()).stream()
                        .map(DeliveryView::of)
                        .toList(),
                asked.page(),
                asked.size(),
                deliveries.countOfEndpoint(id));
    }

    @PostMapping("/api/v1/admin/webhook-deliveries/{id}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeliveryView resend(@PathVariable @Pattern(regexp = ID) String id) {
        WebhookDeliveries.Delivery delivery =
                deliveries.find(id).orElseThrow(() -> ApiException.notFound("Webhook delivery " + id));
        if (endpoints.find(delivery.endpointId()).isEmpty()) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "endpoint-deleted",
                    "The endpoint of delivery " + id + " was deleted; register it again to receive new events.");
        }
        return deliveries
                .resend(id, clock.instant())
                .map(DeliveryView::of)
                .orElseThrow(() -> new ApiException(
                        HttpStatus.CONFLICT, "delivery-in-flight", "Delivery " + id + " is being sent right now."));
    }

    private static URI checkedUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (!uri.isAbsolute()
                    || uri.getHost() == null
                    || scheme == null
                    || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || uri.getUserInfo() != null) {
                throw ApiException.badRequest("validation", "url must be an absolute http(s) URL without credentials.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("validation", "url is not a valid URL.");
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + HexFormat.of().formatHex(bytes);
    }
}
