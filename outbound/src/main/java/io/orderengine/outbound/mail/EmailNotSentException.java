package io.orderengine.outbound.mail;

/** Every try to hand an email to the SMTP server failed; the event that asked for it is dead-lettered. */
public class EmailNotSentException extends RuntimeException {

    public EmailNotSentException(String message, Throwable cause) {
        super(message, cause);
    }
}
