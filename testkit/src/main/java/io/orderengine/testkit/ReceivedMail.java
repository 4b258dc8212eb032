package io.orderengine.testkit;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An email as a test reads it: recipient, subject and the decoded plain-text and HTML parts. */
public record ReceivedMail(String to, String subject, String text, String html) {

    public static ReceivedMail of(MimeMessage message) {
        try {
            List<String> texts = new ArrayList<>();
            List<String> htmls = new ArrayList<>();
            collect(message, texts, htmls);
            String to = Arrays.stream(message.getAllRecipients())
                    .map(Object::toString)
                    .findFirst()
                    .orElse(null);
            return new ReceivedMail(to, message.getSubject(), String.join("\n", texts), String.join("\n", htmls));
        } catch (Exception e) {
            throw new IllegalStateException("unreadable email", e);
        }
    }

    public static List<ReceivedMail> all(MimeMessage[] messages) {
        return Arrays.stream(messages).map(ReceivedMail::of).toList();
    }

    private static void collect(Part part, List<String> texts, List<String> htmls) throws Exception {
        if (part.isMimeType("text/plain")) {
            texts.add((String) part.getContent());
        } else if (part.isMimeType("text/html")) {
            htmls.add((String) part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, texts, htmls);
            }
        }
    }
}
