package io.orderengine.infrastructure.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.orderengine.messages.privacy.DataSubject;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * A serializer that keeps the personal data of messages encrypted: a {@link DataSubject.Carrier} is written by the
 * wrapped (Jackson) serializer, then each of its {@code @PersonalData} strings is replaced by its sealed form
 * ({@link PersonalDataCipher}); reading a carrier type opens every sealed string again, or gives the erased
 * placeholder when the subject's key is gone. Everything else (amounts, SKUs, countries, numbers, dates, and every
 * other message and token) passes through untouched, and plain values stored before encryption are read as they are.
 */
public class PersonalDataSerializer implements Serializer {

    private final Serializer delegate;
    private final PersonalDataCipher cipher;
    private final PersonalFields fields = new PersonalFields();

    public PersonalDataSerializer(Serializer delegate, PersonalDataCipher cipher) {
        this.delegate = delegate;
        this.cipher = cipher;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (!(object instanceof DataSubject.Carrier carrier)
                || carrier.dataSubject() == null
                || !cipher.sealing()
                || fields.of(object.getClass()).isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> tree = delegate.serialize(object, JsonNode.class);
        JsonNode root = tree.getData();
        PersonalDataCipher.Sealer sealer = cipher.sealer(carrier.dataSubject());
        for (List<String> path : fields.of(object.getClass())) {
            seal(root, path, sealer);
        }
        T data = getConverter().convert(root, JsonNode.class, expectedRepresentation);
        return new SimpleSerializedObject<>(data, expectedRepresentation, tree.getType());
    }

    private static void seal(JsonNode root, List<String> path, PersonalDataCipher.Sealer sealer) {
        seal(root, path, 0, sealer);
    }

    private static void seal(JsonNode node, List<String> path, int at, PersonalDataCipher.Sealer sealer) {
        if (node == null) {
            return;
        }
        String name = path.get(at);
        if (name.equals(PersonalFields.EACH)) {
            if (node.isArray()) {
                node.forEach(element -> seal(element, path, at + 1, sealer));
            }
        } else if (at < path.size() - 1) {
            seal(node.get(name), path, at + 1, sealer);
        } else if (node instanceof ObjectNode parent) {
            JsonNode value = parent.get(name);
            if (value != null && value.isTextual() && !PersonalDataCipher.isSealed(value.textValue())) {
                parent.put(name, sealer.seal(value.textValue()));
            }
        }
    }

    /**
     * A payload stored in plain JSON before encryption, with its personal fields sealed, keeping the stored shape
     * (and so its revision) as it is; payloads without personal data, or sealed already, come back unchanged.
     */
    public String encryptStored(String payload, SerializedType type) {
        Class<?> cls = classForType(type);
        if (!DataSubject.Carrier.class.isAssignableFrom(cls) || fields.of(cls).isEmpty()) {
            return payload;
        }
        DataSubject.Carrier carrier = delegate.deserialize(new SimpleSerializedObject<>(payload, String.class, type));
        if (carrier.dataSubject() == null) {
            return payload;
        }
        JsonNode root = getConverter().convert(payload, String.class, JsonNode.class);
        PersonalDataCipher.Sealer sealer = cipher.sealer(carrier.dataSubject());
        for (List<String> path : fields.of(cls)) {
            seal(root, path, sealer);
        }
        return getConverter().convert(root, JsonNode.class, String.class);
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        Class<?> type = classForType(serializedObject.getType());
        if (!DataSubject.Carrier.class.isAssignableFrom(type)) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode root = serializedObject.getContentType() == JsonNode.class
                ? ((JsonNode) serializedObject.getData()).deepCopy()
                : getConverter().convert(serializedObject, JsonNode.class).getData();
        open(root);
        return delegate.deserialize(new SimpleSerializedObject<>(root, JsonNode.class, serializedObject.getType()));
    }

    /** Opens every sealed string in the tree, wherever it is (older revisions may have kept it elsewhere). */
    private void open(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                JsonNode value = entry.getValue();
                if (value.isTextual() && PersonalDataCipher.isSealed(value.textValue())) {
                    entry.setValue(TextNode.valueOf(cipher.open(value.textValue())));
                } else if (value.isContainerNode()) {
                    open(value);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(this::open);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
