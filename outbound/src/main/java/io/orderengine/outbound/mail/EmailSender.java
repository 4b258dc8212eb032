package io.orderengine.outbound.mail;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands emails to the SMTP server of {@code spring.mail.*}, as multipart/alternative (plain text and HTML), with any attachments. A failed
 * hand-over is tried again (resilience4j {@link Retry}) after a pause that doubles each time ({@code engine.mail.send-attempts},
 * {@code engine.mail.retry-backoff}); when every try failed, {@link EmailNotSentException} is thrown and the event
 * goes to the dead-letter queue. Runs on the notification processor's thread, never on a request's.
 */
@Component
public class EmailSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationProperties properties;
    private final RetryConfig retries;

    public EmailSender(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
        this.retries = RetryConfig.custom()
                .maxAttempts(properties.sendAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(properties.retryBackoff(), 2))
                .retryExceptions(MailException.class, IllegalStateException.class)
                .failAfterMaxAttempts(false)
                .build();
        if (mailSender.getIfAvailable() instanceof JavaMailSenderImpl smtp) {
            boundTimeouts(smtp, properties.smtpTimeout());
        }
    }

    /** Jakarta Mail waits forever by default; explicit {@code spring.mail.properties.mail.smtp.*} settings win. */
    private static void boundTimeouts(JavaMailSenderImpl smtp, Duration timeout) {
        Properties settings = smtp.getJavaMailProperties();
        String millis = Long.toString(timeout.toMillis());
        for (String key : new String[] {"mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout"}) {
            settings.putIfAbsent(key, millis);
        }
        smtp.setJavaMailProperties(settings);
    }

    /** Whether an SMTP server is configured ({@code spring.mail.host}). */
    public boolean configured() {
        return mailSender.getIfAvailable() != null;
    }

    public void send(Email email) {
        JavaMailSender sender = mailSender.getObject();
        Retry retry = Retry.of("email", retries);
        retry.getEventPublisher()
                .onRetry(event -> log.warn(
                        "Email '{}' not handed to SMTP (try {} of {}): {}",
                        email.subject(),
                        event.getNumberOfRetryAttempts(),
                        properties.sendAttempts(),
                        event.getLastThrowable() == null
                                ? "unknown"
                                : event.getLastThrowable().getMessage()));
        try {
            retry.executeRunnable(() -> sender.send(mime(sender, email)));
        } catch (MailException | IllegalStateException e) {
            throw new EmailNotSentException(
                    "email '" + email.subject() + "' could not be sent after " + properties.sendAttempts() + " tries: "
                            + e.getMessage(),
                    e);
        }
    }

    private MimeMessage mime(JavaMailSender sender, Email email) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(
                    message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(email.to());
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            for (Email.Attachment attachment : email.attachments()) {
                helper.addAttachment(
                        attachment.filename(), new ByteArrayResource(attachment.content()), attachment.contentType());
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("email could not be built: " + e.getMessage(), e);
        }
        return message;
    }
}
