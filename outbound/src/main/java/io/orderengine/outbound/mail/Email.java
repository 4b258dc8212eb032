package io.orderengine.outbound.mail;

/** One rendered email: the recipient, the subject and the same body as plain text and HTML. */
public record Email(String to, String subject, String text, String html) {}
