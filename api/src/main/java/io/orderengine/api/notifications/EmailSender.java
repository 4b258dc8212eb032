package io.orderengine.api.notifications;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Hands emails to the SMTP server of {@code spring.mail.*}, as multipart/alternative (plain text and HTML). A failed
 * hand-over is tried again after a pause that doubles each time ({@code engine.mail.send-attempts},
 * {@code engine.mail.retry-backoff}); when every try failed, {@link EmailNotSentException} is thrown and the event
 * goes to the dead-letter queue. Runs on the notification processor's thread, never on a request's.
 */
@Component
public class EmailSender {

    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationProperties properties;

    public EmailSender(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
        if (mailSender.getIfAvailable() instanceof JavaMailSenderImpl smtp) {
            boundTimeouts(smtp, properties.smtpTimeout());
        }
    }

    /** Jakarta Mail waits forever by default; explicit {@code spring.mail.properties.mail.smtp.*} settings win. */
    private static void boundTimeouts(JavaMailSenderImpl smtp, Duration timeout) {
        Properties settings = smtp.getJavaMailProperties();
        String millis = Long.toString(timeout.toMillis());
        for (String key : new String[]{"mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout"}) {
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
        Duration pause = properties.retryBackoff();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= properties.sendAttempts(); attempt++) {
            try {
                sender.send(mime(sender, email));
                return;
            } catch (MailException | IllegalStateException e) {
                last = e;
                log.warn("Email '{}' not handed to SMTP (try {} of {}): {}", email.subject(), attempt,
                        properties.sendAttempts(), e.getMessage());
                if (attempt < properties.sendAttempts()) {
                    pause(pause);
                    pause = pause.multipliedBy(2);
                }
            }
        }
        throw new EmailNotSentException("email '" + email.subject() + "' could not be sent after "
                + properties.sendAttempts() + " tries: " + (last == null ? "unknown" : last.getMessage()), last);
    }

    private MimeMessage mime(JavaMailSender sender, Email email) {
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    StandardCharsets.UTF_8.name());
            helper.setFrom(properties.from());
            helper.setTo(email.to());
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
        } catch (MessagingException e) {
            throw new IllegalStateException("email could not be built: " + e.getMessage(), e);
        }
        return message;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmailNotSentException("interrupted while waiting to retry an email", e);
        }
    }
}
