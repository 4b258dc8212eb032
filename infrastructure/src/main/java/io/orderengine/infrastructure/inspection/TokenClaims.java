package io.orderengine.infrastructure.inspection;

import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Who holds which event-processor segment according to the token store: every instance's claims, not only this
 * instance's (an owner that died keeps its claims until they time out).
 */
@Component
public class TokenClaims {

    private final MongoTemplate axonMongoTemplate;

    public TokenClaims(MongoTemplate axonMongoTemplate) {
        this.axonMongoTemplate = axonMongoTemplate;
    }

    /** Processor name → owner ({@code pid@host}) → its segments, ascending; unclaimed segments are left out. */
    public Map<String, Map<String, List<Integer>>> byProcessor() {
        Map<String, Map<String, List<Integer>>> claims = new TreeMap<>();
        for (Document token : axonMongoTemplate
                .trackingTokensCollection()
                .find()
                .projection(Projections.include("processorName", "segment", "owner"))) {
            String owner = token.getString("owner");
            if (owner != null) {
                claims.computeIfAbsent(token.getString("processorName"), name -> new TreeMap<>())
                        .computeIfAbsent(owner, name -> new ArrayList<>())
                        .add(((Number) token.get("segment")).intValue());
            }
        }
        claims.values().forEach(owners -> owners.values().forEach(segments -> segments.sort(null)));
        return claims;
    }
}
