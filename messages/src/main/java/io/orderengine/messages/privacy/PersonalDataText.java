package io.orderengine.messages.privacy;

import java.lang.reflect.RecordComponent;
import java.util.StringJoiner;

/**
 * The text of a message record for logs, exception messages and dead letters: written as a record's own
 * {@code toString} writes it, but with each {@link PersonalData} component withheld. Axon writes an event's payload
 * into its log lines (a dead letter's "Adding dead letter [...]" for one), and a name or a street address is not
 * caught by the log's redaction patterns (e-mail addresses and phone numbers are).
 */
public final class PersonalDataText {

    /** What a personal component reads as in the text (null stays null). */
    public static final String WITHHELD = "[personal data]";

    private PersonalDataText() {}

    /** {@code record} as {@code Name[component=value, ...]}, its {@link PersonalData} components withheld. */
    public static String of(Record record) {
        StringJoiner text = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            Object value;
            try {
                value = component.getAccessor().invoke(record);
            } catch (ReflectiveOperationException e) {
                value = "?";
            }
            boolean personal = component.isAnnotationPresent(PersonalData.class);
            text.add(component.getName() + "=" + (personal && value != null ? WITHHELD : value));
        }
        return text.toString();
    }
}
