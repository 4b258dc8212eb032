package io.orderengine.outbound.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.outbound.mail.Email;
import io.orderengine.outbound.mail.EmailNotSentException;
import io.orderengine.outbound.mail.EmailSender;
import io.orderengine.outbound.mail.ShopProperties;
import io.orderengine.outbound.webhooks.WebhookDeliveries;
import io.orderengine.outbound.webhooks.WebhookEndpoints;
import io.orderengine.outbound.webhooks.WebhookEventType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Tells people that an alert was raised or has cleared: an e-mail to each of {@code engine.alerts.recipients}
 * (templates {@code templates/alerts/alert.html} and {@code .txt}) and an outbound webhook {@code alert.raised} or
 * {@code alert.cleared} to every endpoint subscribed to it. Called once per transition ({@link AlertStates}). The
 * webhook delivery's id is derived from the episode, so a transition notified twice is still delivered once; an
 * e-mail that cannot be sent after the sender's retries is logged and not tried again (the dashboard and the webhook
 * still show the alert).
 *
 * <p>Webhook body: {@code {"id","type":"alert.raised","createdAt","data":{"rule","episode","message","detail",
 * "since","clearedAt"}}}.
 */
@Component
public class AlertNotifications {

    private static final Logger log = LoggerFactory.getLogger(AlertNotifications.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertProperties properties;
    private final EmailSender mail;
    private final ShopProperties shop;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final Clock clock;
    private final SpringTemplateEngine templates = new SpringTemplateEngine();

    public AlertNotifications(
            AlertProperties properties,
            EmailSender mail,
            ShopProperties shop,
            WebhookEndpoints endpoints,
            WebhookDeliveries deliveries,
            Clock clock) {
        this.properties = properties;
        this.mail = mail;
        this.shop = shop;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.clock = clock;
        templates.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        templates.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/alerts/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    /** Sends the e-mails and enqueues the webhooks of {@code alert}'s transition; {@code message} says it in words. */
    public void notify(Alert alert, String message) {
        webhook(alert, message);
        email(alert, message);
    }

    private void webhook(Alert alert, String message) {
        WebhookEventType type = alert.raised() ? WebhookEventType.ALERT_RAISED : WebhookEventType.ALERT_CLEARED;
        var subscribed = endpoints.subscribedTo(type);
        if (subscribed.isEmpty()) {
            return;
        }
        String eventId = "alert-" + alert.episode() + (alert.raised() ? "-raised" : "-cleared");
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rule", alert.rule());
        data.put("episode", alert.episode());
        data.put("message", message);
        data.put("detail", alert.detail());
        data.put("since", String.valueOf(alert.since()));
        data.put(
                "clearedAt",
                alert.clearedAt() == null ? null : alert.clearedAt().toString());
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", eventId);
        envelope.put("type", type.wireName());
        envelope.put("createdAt", now.toString());
        envelope.put("data", data);
        String body;
        try {
            body = JSON.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert webhook body could not be written", e);
        }
        subscribed.forEach(endpoint -> deliveries.enqueue(eventId, endpoint.id(), type, body, now));
    }

    private void email(Alert alert, String message) {
        if (properties.recipients().isEmpty()) {
            return;
        }
        if (!mail.configured()) {
            log.info("alert {} not e-mailed: no SMTP server configured (spring.mail.host)", alert.rule());
            return;
        }
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("shopName", shop.name());
        context.setVariable("raised", alert.raised());
        context.setVariable("rule", alert.rule());
        context.setVariable("message", message);
        context.setVariable("detail", alert.detail());
        context.setVariable("since", String.valueOf(alert.since()));
        context.setVariable(
                "clearedAt",
                alert.clearedAt() == null ? null : alert.clearedAt().toString());
        String subject = "[" + shop.name() + "] " + (alert.raised() ? "Alert: " : "Resolved: ") + message;
        String text = templates.process("alert.txt", context);
        String html = templates.process("alert.html", context);
        for (String recipient : properties.recipients()) {
            try {
                mail.send(new Email(recipient, subject, text, html));
            } catch (EmailNotSentException e) {
                log.error("alert {} could not be e-mailed: {}", alert.rule(), e.getMessage());
            }
        }
    }
}
