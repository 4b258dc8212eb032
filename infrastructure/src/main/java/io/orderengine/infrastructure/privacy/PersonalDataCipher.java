package io.orderengine.infrastructure.privacy;

import io.orderengine.messages.privacy.DataSubject;
import io.orderengine.messages.privacy.PersonalData;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts one personal value with its subject's key into a string {@code pii:1:<key id>:<base64url>} and back. The
 * key id is an HMAC-SHA256 of the subject under a key derived from the master key, so that it names the subject in
 * every stored value and in the erasure event without letting a copy of the database confirm a guessed e-mail. A
 * value whose key is gone (the subject was erased) reads as {@link PersonalData#ERASED}; a string without the prefix
 * (events stored before encryption) reads as it is.
 */
public class PersonalDataCipher {

    static final String PREFIX = "pii:1:";

    private final DataKeys keys;
    private final Supplier<SecretKey> master;
    private final boolean sealing;
    private volatile byte[] idKey;

    /** {@code master} is asked for when first needed (start-up checks it: {@link PrivacyConfiguration}). */
    PersonalDataCipher(DataKeys keys, Supplier<SecretKey> master, boolean sealing) {
        this.keys = keys;
        this.master = master;
        this.sealing = sealing;
    }

    /** The key id of {@code subject} (64 hex digits). */
    public String keyId(DataSubject subject) {
        byte[] key = idKey;
        if (key == null) {
            key = hmac(master.get().getEncoded(), "data-subject-key-id");
            idKey = key;
        }
        return HexFormat.of().formatHex(hmac(key, subject.qualified()));
    }

    /** Whether values are encrypted when written (always, but for measurements). */
    boolean sealing() {
        return sealing;
    }

    public DataKeys keys() {
        return keys;
    }

    /**
     * A writer of values of one subject (the key is looked up once). A subject that reads as erased (a guest whose
     * e-mail was erased, named again by a later event of the same order) gets no key: its values are not kept.
     */
    Sealer sealer(DataSubject subject) {
        if (PersonalData.ERASED.equals(subject.value())) {
            return plain -> PersonalData.ERASED;
        }
        String keyId = keyId(subject);
        SecretKey key = keys.forWriting(keyId);
        return plain -> PREFIX
                + keyId
                + ":"
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(Aes.encrypt(
                                key,
                                plain.getBytes(StandardCharsets.UTF_8),
                                keyId.getBytes(StandardCharsets.US_ASCII)));
    }

    static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The plain value of a sealed one, {@link PersonalData#ERASED} when its key is gone, else {@code value} itself. */
    String open(String value) {
        if (!isSealed(value)) {
            return value;
        }
        int colon = value.indexOf(':', PREFIX.length());
        if (colon < 0) {
            return PersonalData.ERASED;
        }
        String keyId = value.substring(PREFIX.length(), colon);
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(value.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return PersonalData.ERASED;
        }
        byte[] associated = keyId.getBytes(StandardCharsets.US_ASCII);
        Optional<SecretKey> key = keys.forReading(keyId);
        byte[] plain = key.map(k -> Aes.decrypt(k, sealed, associated)).orElse(null);
        if (plain == null && key.isPresent()) {
            // a cached key that no longer fits: erased (and maybe created anew) on another instance
            plain = keys.reload(keyId)
                    .map(k -> Aes.decrypt(k, sealed, associated))
                    .orElse(null);
        }
        return plain == null ? PersonalData.ERASED : new String(plain, StandardCharsets.UTF_8);
    }

    interface Sealer {
        String seal(String plain);
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
