package io.orderengine.infrastructure.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * The chain's head as the sealer recorded it in {@code event_chain}: the last chain index and its link, the position
 * of that event, the watermark (every position up to it is chained or a gap) and the open gaps (position → when the
 * sealer passed over it, epoch ms).
 */
record ChainHead(
        boolean stored, long index, String link, long position, long watermark, Map<Long, Long> gaps, long at) {

    static ChainHead read(MongoCollection<Document> chain) {
        Document document =
                chain.find(Filters.eq("_id", EventChainSealer.HEAD_ID)).first();
        if (document == null) {
            return new ChainHead(false, 0, ChainLinks.GENESIS, 0, 0, Map.of(), 0);
        }
        Map<Long, Long> gaps = new TreeMap<>();
        Document stored = document.get("gaps", Document.class);
        if (stored != null) {
            stored.forEach((position, since) -> gaps.put(Long.parseLong(position), ((Number) since).longValue()));
        }
        return new ChainHead(
                true,
                number(document, "index"),
                document.getString("link"),
                number(document, "position"),
                number(document, "watermark"),
                gaps,
                number(document, "at"));
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
