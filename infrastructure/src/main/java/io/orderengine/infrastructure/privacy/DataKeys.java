package io.orderengine.infrastructure.privacy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;

/**
 * The data subjects' keys ({@code data_keys}, {@code _id} = key id): one AES-256 key per subject, stored wrapped
 * (AES-GCM with the master key, the key id authenticated with it). Erasing a subject replaces its key by a tombstone
 * ({@code erasedAt}, no key), after which nothing of what was encrypted with it can be read; a later order of the same
 * subject gets a new key. Unwrapped keys are kept in a bounded in-memory cache for {@code keyCacheTtl}.
 */
public class DataKeys {

    public static final String COLLECTION = "data_keys";

    private static final String WRAPPED = "wrapped";
    private static final String CREATED_AT = "createdAt";
    private static final String ERASED_AT = "erasedAt";

    private final MongoCollection<Document> keys;
    private final Supplier<SecretKey> master;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache;

    DataKeys(MongoDatabase database, Supplier<SecretKey> master, PrivacyProperties properties, Clock clock) {
        this.keys = database.getCollection(COLLECTION);
        this.master = master;
        this.clock = clock;
        this.ttl = properties.keyCacheTtl();
        int size = properties.keyCacheSize();
        this.cache = new LinkedHashMap<>(Math.min(size, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
                return size() > size;
            }
        };
    }

    /** The subject's key, created when it has none (or was erased before). */
    SecretKey forWriting(String keyId) {
        SecretKey cached = cached(keyId);
        if (cached != null) {
            return cached;
        }
        while (true) {
            Document stored = keys.find(Filters.eq("_id", keyId)).first();
            if (stored != null && stored.getString(WRAPPED) != null) {
                return remember(keyId, unwrap(keyId, stored.getString(WRAPPED)));
            }
            SecretKey key = Aes.newKey();
            Document document = new Document("_id", keyId)
                    .append(WRAPPED, wrap(keyId, key))
                    .append(CREATED_AT, Date.from(clock.instant()));
            try {
                if (stored == null) {
                    keys.insertOne(document);
                    return remember(keyId, key);
                }
                if (keys.replaceOne(Filters.and(Filters.eq("_id", keyId), Filters.exists(WRAPPED, false)), document)
                                .getModifiedCount()
                        == 1) {
                    return remember(keyId, key);
                }
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            // another writer created the key first: use theirs
        }
    }

    /** The subject's key as cached (may be stale), or read from the store; empty once erased. */
    Optional<SecretKey> forReading(String keyId) {
        SecretKey cached = cached(keyId);
        return cached != null ? Optional.of(cached) : reload(keyId);
    }

    /** The subject's key as stored now, bypassing the cache; empty once erased. */
    Optional<SecretKey> reload(String keyId) {
        forget(keyId);
        Document stored = keys.find(Filters.eq("_id", keyId)).first();
        if (stored == null || stored.getString(WRAPPED) == null) {
            return Optional.empty();
        }
        return Optional.of(remember(keyId, unwrap(keyId, stored.getString(WRAPPED))));
    }

    /** Deletes the subject's key, leaving a tombstone; false when it was erased already (and has no newer key). */
    public boolean erase(String keyId) {
        forget(keyId);
        Document stored = keys.find(Filters.eq("_id", keyId)).first();
        if (stored != null && stored.getString(WRAPPED) == null) {
            return false;
        }
        keys.replaceOne(
                Filters.eq("_id", keyId),
                new Document("_id", keyId).append(ERASED_AT, Date.from(clock.instant())),
                new ReplaceOptions().upsert(true));
        forget(keyId);
        return true;
    }

    /** When the subject was erased (and has no newer key), or empty. */
    public Optional<Instant> erasedAt(String keyId) {
        Document stored = keys.find(Filters.eq("_id", keyId)).first();
        if (stored == null || stored.getString(WRAPPED) != null || stored.getDate(ERASED_AT) == null) {
            return Optional.empty();
        }
        return Optional.of(stored.getDate(ERASED_AT).toInstant());
    }

    private synchronized SecretKey cached(String keyId) {
        Cached cached = cache.get(keyId);
        if (cached == null) {
            return null;
        }
        if (cached.until().isBefore(clock.instant())) {
            cache.remove(keyId);
            return null;
        }
        return cached.key();
    }

    private synchronized SecretKey remember(String keyId, SecretKey key) {
        cache.put(keyId, new Cached(key, clock.instant().plus(ttl)));
        return key;
    }

    private synchronized void forget(String keyId) {
        cache.remove(keyId);
    }

    private String wrap(String keyId, SecretKey key) {
        return Base64.getEncoder().encodeToString(Aes.encrypt(master.get(), key.getEncoded(), associated(keyId)));
    }

    private SecretKey unwrap(String keyId, String wrapped) {
        byte[] key = Aes.decrypt(master.get(), Base64.getDecoder().decode(wrapped), associated(keyId));
        if (key == null) {
            throw new IllegalStateException("the data key " + keyId + " cannot be unwrapped: is " + MasterKey.PROPERTY
                    + " the key this store was written with?");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] associated(String keyId) {
        return ("data-key:" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private record Cached(SecretKey key, Instant until) {}
}
