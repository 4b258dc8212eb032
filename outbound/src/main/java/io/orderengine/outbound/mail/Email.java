package io.orderengine.outbound.mail;

import java.util.ArrayList;
import java.util.List;

/** One rendered email: the recipient, the subject, the same body as plain text and HTML, and its attachments. */
public record Email(String to, String subject, String text, String html, List<Attachment> attachments) {

    public Email {
        attachments = List.copyOf(attachments);
    }

    public Email(String to, String subject, String text, String html) {
        this(to, subject, text, html, List.of());
    }

    /** This email with {@code attachment} added. */
    public Email with(Attachment attachment) {
        List<Attachment> all = new ArrayList<>(attachments);
        all.add(attachment);
        return new Email(to, subject, text, html, all);
    }

    /** A file sent along, e.g. the invoice PDF. */
    public record Attachment(String filename, String contentType, byte[] content) {}
}
