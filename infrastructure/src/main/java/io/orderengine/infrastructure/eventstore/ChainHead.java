package io.orderengine.infrastructure.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * The chain's head as the sealer recorded it in {@code event_chain}: the last chain index and its link, the position
 * of that event, the watermark (every position up to it is chained or a gap), the open gaps (position → when the
 * sealer passed over it, epoch ms) and the open gap ranges (holes wider than the sealer's window, passed over whole).
 */
record ChainHead(
        boolean stored,
        long index,
        String link,
        long position,
        long watermark,
        Map<Long, Long> gaps,
        List<GapRange> ranges,
        long at) {

    /** Positions {@code from..to} (inclusive) that held no event when the sealer passed over them at {@code since}. */
    record GapRange(long from, long to, long since) {

        boolean contains(long position) {
            return position >= from && position <= to;
        }

        Document toDocument() {
            return new Document("from", from).append("to", to).append("since", since);
        }
    }

    /** Whether {@code position} is an open gap, alone or in a range. */
    boolean isGap(long position) {
        return gaps.containsKey(position) || ranges.stream().anyMatch(range -> range.contains(position));
    }

    static ChainHead read(MongoCollection<Document> chain) {
        Document document =
                chain.find(Filters.eq("_id", EventChainSealer.HEAD_ID)).first();
        if (document == null) {
            return new ChainHead(false, 0, ChainLinks.GENESIS, 0, 0, Map.of(), List.of(), 0);
        }
        Map<Long, Long> gaps = new TreeMap<>();
        Document stored = document.get("gaps", Document.class);
        if (stored != null) {
            stored.forEach((position, since) -> gaps.put(Long.parseLong(position), ((Number) since).longValue()));
        }
        List<GapRange> ranges = new ArrayList<>();
        for (Document range : document.getList("gapRanges", Document.class, List.of())) {
            ranges.add(new GapRange(number(range, "from"), number(range, "to"), number(range, "since")));
        }
        return new ChainHead(
                true,
                number(document, "index"),
                document.getString("link"),
                number(document, "position"),
                number(document, "watermark"),
                gaps,
                List.copyOf(ranges),
                number(document, "at"));
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
