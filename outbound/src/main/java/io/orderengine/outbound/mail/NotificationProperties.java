package io.orderengine.outbound.mail;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Customer emails. The SMTP server itself is Spring's {@code spring.mail.*}; without {@code spring.mail.host} no
 * email is sent (each one is logged and recorded as skipped).
 *
 * @param from          the sender address ({@code Shop <orders@example.com>} or a bare address)
 * @param sendAttempts  tries per email before it is handed to the dead-letter queue
 * @param retryBackoff  wait before the second try; doubled before each further try
 * @param smtpTimeout   connect, read and write timeout towards the SMTP server, so a hanging server cannot stall the
 *                      notification processor
 */
@Validated
@ConfigurationProperties("engine.mail")
public record NotificationProperties(
        @NotBlank @DefaultValue("no-reply@localhost") String from,
        @Min(1) @Max(10) @DefaultValue("3") int sendAttempts,
        @DefaultValue("PT1S") Duration retryBackoff,
        @DefaultValue("PT10S") Duration smtpTimeout) {}
