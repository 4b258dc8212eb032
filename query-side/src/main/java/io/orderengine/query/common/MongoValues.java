package io.orderengine.query.common;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Conversions between read-model values and BSON values (times are BSON dates, so millisecond precision). */
public final class MongoValues {

    private MongoValues() {}

    public static Date toDate(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant toInstant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** The instant as stored: truncated to milliseconds, so live and replayed values compare equal. */
    public static Instant stored(Instant instant) {
        return toInstant(toDate(instant));
    }

    public static long longValue(Document document, String key) {
        Number number = document.get(key, Number.class);
        return number == null ? 0L : number.longValue();
    }

    public static int intValue(Document document, String key) {
        Number number = document.get(key, Number.class);
        return number == null ? 0 : number.intValue();
    }

    public static Document embedded(Document document, String key) {
        return document.get(key, Document.class);
    }

    public static List<Document> documents(Document document, String key) {
        List<Document> list = document.getList(key, Document.class);
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }

    /** A string-to-string map stored as an embedded document; never null. */
    public static Map<String, String> stringMap(Document document, String key) {
        Document embedded = document.get(key, Document.class);
        Map<String, String> map = new LinkedHashMap<>();
        if (embedded != null) {
            embedded.forEach((name, value) -> {
                if (value != null) {
                    map.put(name, value.toString());
                }
            });
        }
        return map;
    }

    /** A string-to-number map stored as an embedded document (amounts per currency); never null. */
    public static Map<String, Long> longMap(Document document, String key) {
        Document embedded = document == null ? null : document.get(key, Document.class);
        Map<String, Long> map = new LinkedHashMap<>();
        if (embedded != null) {
            embedded.forEach((name, value) -> map.put(name, ((Number) value).longValue()));
        }
        return map;
    }
}
