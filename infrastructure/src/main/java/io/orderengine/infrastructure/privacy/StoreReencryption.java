package io.orderengine.infrastructure.privacy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.orderengine.infrastructure.axon.AxonMongoConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

/**
 * The one-off copy of a store written before personal data was encrypted into a new, empty store, with the personal
 * fields of every stored event encrypted on the way (docs/security.md, "Re-encrypting an older store"). Every other
 * collection is copied as it is; the target's data keys are made with the given master key. Run it with the engine
 * stopped; the engine then starts on the target. Usage, from the engine's jar:
 * <pre>
 * ENGINE_PRIVACY_MASTER_KEY=... java -cp order-engine.jar \
 *   -Dloader.main=io.orderengine.infrastructure.privacy.StoreReencryption \
 *   org.springframework.boot.loader.launch.PropertiesLauncher SOURCE_URI SOURCE_DB TARGET_URI TARGET_DB
 * </pre>
 */
public final class StoreReencryption {

    static final String EVENTS = "events";
    /**
     * The event log's hash chain ({@code ChainLinks}, {@code EventChainSealer}) covers the payloads as stored, which
     * the copy changes: the copy leaves the chain out, and the target's sealer chains the copied events afresh.
     */
    private static final String CHAIN_COLLECTION = "event_chain";

    private static final List<String> CHAIN_FIELDS = List.of("chainIndex", "chainLink");
    private static final int BATCH = 500;

    private final PersonalDataSerializer serializer;

    public StoreReencryption(MongoDatabase target, SecretKey master) {
        PersonalDataCipher cipher = PrivacyConfiguration.cipher(
                target, master, new PrivacyProperties(null, null, 100_000, Duration.ofHours(1), true));
        this.serializer = new PersonalDataSerializer(
                JacksonSerializer.builder()
                        .objectMapper(AxonMongoConfiguration.messageObjectMapper())
                        .build(),
                cipher);
    }

    /** What was copied: documents in all, and event payloads that had personal data encrypted. */
    public record Copied(long documents, long encryptedEvents) {}

    /** Copies every collection of {@code source} into {@code target} (which must hold no events yet). */
    public Copied copy(MongoDatabase source, MongoDatabase target) {
        if (target.getCollection(EVENTS).countDocuments() > 0) {
            throw new IllegalStateException("the target store has events already: copy into a new, empty store");
        }
        long documents = 0;
        long encrypted = 0;
        for (String name : source.listCollectionNames()) {
            if (name.startsWith("system.") || name.equals(DataKeys.COLLECTION) || name.equals(CHAIN_COLLECTION)) {
                continue;
            }
            MongoCollection<Document> into = target.getCollection(name);
            List<Document> batch = new ArrayList<>(BATCH);
            for (Document document : source.getCollection(name).find()) {
                if (name.equals(EVENTS)) {
                    CHAIN_FIELDS.forEach(document::remove);
                    if (encrypt(document)) {
                        encrypted++;
                    }
                }
                batch.add(document);
                documents++;
                if (batch.size() == BATCH) {
                    into.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                into.insertMany(batch);
            }
        }
        return new Copied(documents, encrypted);
    }

    private boolean encrypt(Document event) {
        String payload = event.getString("serializedPayload");
        if (payload == null) {
            return false;
        }
        String sealed = serializer.encryptStored(
                payload, new SimpleSerializedType(event.getString("payloadType"), event.getString("payloadRevision")));
        if (sealed.equals(payload)) {
            return false;
        }
        event.put("serializedPayload", sealed);
        return true;
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: StoreReencryption SOURCE_URI SOURCE_DB TARGET_URI TARGET_DB "
                    + "(master key in ENGINE_PRIVACY_MASTER_KEY)");
            System.exit(2);
        }
        String key = System.getenv("ENGINE_PRIVACY_MASTER_KEY");
        if (key == null || key.isBlank()) {
            System.err.println("ENGINE_PRIVACY_MASTER_KEY must hold the master key the engine will run with");
            System.exit(2);
        }
        SecretKey master = MasterKey.decode(key.strip(), "ENGINE_PRIVACY_MASTER_KEY");
        try (MongoClient from = MongoClients.create(args[0]);
                MongoClient to = MongoClients.create(args[2])) {
            MongoDatabase target = to.getDatabase(args[3]);
            Copied copied = new StoreReencryption(target, master).copy(from.getDatabase(args[1]), target);
            System.out.println("copied " + copied.documents() + " documents; encrypted the personal data of "
                    + copied.encryptedEvents() + " events");
        }
    }
}
