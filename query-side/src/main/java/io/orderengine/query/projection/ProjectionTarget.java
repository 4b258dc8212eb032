package io.orderengine.query.projection;

import com.mongodb.client.MongoCollection;
import org.bson.Document;

/**
 * Where one projection keeps its collections: a projection names its collections by base name
 * ({@code order_details}); the target turns a base name into the collection of one generation
 * ({@code order_details_v3}). The live target follows the projection's alias, so it moves to the new generation
 * when a rebuild switches; a fixed target stays on one generation (the one a rebuild writes).
 */
public interface ProjectionTarget {

    /** The projection (processing group) these collections belong to. */
    String projection();

    /** The generation the target points at now. */
    int generation();

    /** The collection name of {@code baseCollection} in {@link #generation()}. */
    String name(String baseCollection);

    /** The collection of {@code baseCollection} in {@link #generation()}. */
    MongoCollection<Document> collection(String baseCollection);
}
