package io.orderengine.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The collection aliases of the projections ({@code projection_aliases}, one document per projection:
 * {@code {_id: "order-detail", generation: 3, activatedAt}}). Generation 0 uses the base collection names
 * ({@code order_details}); generation n > 0 appends {@code _v<n>} ({@code order_details_v3}). A projection without
 * an alias document is in generation 0. Readers and the live projection resolve names through {@link #live(String)}
 * on every use; the generation is cached and read again at most every {@value #REFRESH_MILLIS} ms, so another
 * engine instance sees a switch within that time (the instance that switches sees it at once).
 */
@Component
public class ProjectionCollections {

    public static final String ALIASES = "projection_aliases";

    static final long REFRESH_MILLIS = 5_000;

    private static final String GENERATION = "generation";

    private final MongoDatabase database;
    private final Map<String, CachedGeneration> cache = new ConcurrentHashMap<>();

    public ProjectionCollections(MongoDatabase database) {
        this.database = database;
    }

    private record CachedGeneration(int generation, long readAtNanos) {}

    /** The name of {@code baseCollection} in {@code generation}. */
    public static String collectionName(String baseCollection, int generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("generation must be zero or more");
        }
        return generation == 0 ? baseCollection : baseCollection + "_v" + generation;
    }

    /** The generation that serves {@code projection} now. */
    public int activeGeneration(String projection) {
        CachedGeneration cached = cache.get(projection);
        if (cached == null || System.nanoTime() - cached.readAtNanos() > REFRESH_MILLIS * 1_000_000) {
            Document alias = aliases().find(Filters.eq("_id", projection)).first();
            Number generation = alias == null ? null : alias.get(GENERATION, Number.class);
            cached = new CachedGeneration(generation == null ? 0 : generation.intValue(), System.nanoTime());
            cache.put(projection, cached);
        }
        return cached.generation();
    }

    /** The collections that serve {@code projection} now, following its alias. */
    public ProjectionTarget live(String projection) {
        return new Target(projection, -1);
    }

    /** The collections of {@code projection} in one fixed {@code generation}. */
    public ProjectionTarget generation(String projection, int generation) {
        if (generation < 0) {
            throw new IllegalArgumentException("generation must be zero or more");
        }
        return new Target(projection, generation);
    }

    /** Points the alias of {@code projection} at {@code generation}: from now on it serves from there. */
    public void activate(String projection, int generation) {
        aliases()
                .replaceOne(
                        Filters.eq("_id", projection),
                        new Document("_id", projection)
                                .append(GENERATION, generation)
                                .append("activatedAt", new Date()),
                        new ReplaceOptions().upsert(true));
        cache.put(projection, new CachedGeneration(generation, System.nanoTime()));
    }

    /**
     * Drops every collection of the given base names that belongs to a generation other than the active one
     * (left over by a rebuild that switched, or by one that did not finish). Returns the dropped names.
     */
    public List<String> dropInactive(String projection, List<String> baseCollections) {
        int active = activeGeneration(projection);
        List<Pattern> generations = baseCollections.stream()
                .map(base -> Pattern.compile(Pattern.quote(base) + "(_v\\d+)?"))
                .toList();
        List<String> dropped = new ArrayList<>();
        for (String name : database.listCollectionNames().into(new ArrayList<>())) {
            boolean ours = generations.stream()
                    .anyMatch(pattern -> pattern.matcher(name).matches());
            boolean activeName = baseCollections.stream()
                    .anyMatch(base -> collectionName(base, active).equals(name));
            if (ours && !activeName) {
                database.getCollection(name).drop();
                dropped.add(name);
            }
        }
        return dropped;
    }

    /** Drops the collections of {@code target} (a generation that no longer serves). */
    public void drop(ProjectionTarget target, List<String> baseCollections) {
        baseCollections.forEach(base -> target.collection(base).drop());
    }

    private MongoCollection<Document> aliases() {
        return database.getCollection(ALIASES);
    }

    private final class Target implements ProjectionTarget {

        private final String projection;
        private final int fixedGeneration;

        private Target(String projection, int fixedGeneration) {
            this.projection = projection;
            this.fixedGeneration = fixedGeneration;
        }

        @Override
        public String projection() {
            return projection;
        }

        @Override
        public int generation() {
            return fixedGeneration >= 0 ? fixedGeneration : activeGeneration(projection);
        }

        @Override
        public String name(String baseCollection) {
            return collectionName(baseCollection, generation());
        }

        @Override
        public MongoCollection<Document> collection(String baseCollection) {
            return database.getCollection(name(baseCollection));
        }

        @Override
        public String toString() {
            return projection + (fixedGeneration >= 0 ? "@" + fixedGeneration : "@live");
        }
    }
}
