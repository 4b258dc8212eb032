package io.orderengine.infrastructure.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The master key that wraps the data subjects' keys: {@code engine.privacy.master-key} (base64, 32 bytes). Under the
 * {@code prod} profile it is required and start-up fails without it. Otherwise (demo, development) a key is generated
 * once into the data folder, like the demo signing key, and the log says so.
 */
final class MasterKey {

    static final String PROPERTY = "engine.privacy.master-key";
    static final int BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private MasterKey() {}

    static SecretKey resolve(PrivacyProperties properties, Environment environment) {
        if (properties.masterKey() != null && !properties.masterKey().isBlank()) {
            return decode(properties.masterKey().strip(), PROPERTY);
        }
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException(PROPERTY + " is required with the prod profile "
                    + "(base64 of 32 random bytes, e.g. `openssl rand -base64 32`): it encrypts the data keys of "
                    + "the personal data in the event store");
        }
        Path file = file(properties, environment);
        SecretKey key = loadOrCreate(file);
        log.info(
                "Personal data is encrypted with a generated demo master key kept in {}. Not for production: set {}.",
                file,
                PROPERTY);
        return key;
    }

    static Path file(PrivacyProperties properties, Environment environment) {
        if (properties.masterKeyFile() != null && !properties.masterKeyFile().isBlank()) {
            return Path.of(properties.masterKeyFile());
        }
        Path store = Path.of(environment.getProperty("engine.store.embedded-path", "./data/engine.mv"));
        return store.toAbsolutePath().getParent().resolve("demo-master-key");
    }

    private static SecretKey loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[BYTES];
                new SecureRandom().nextBytes(key);
                try {
                    Files.writeString(
                            file,
                            Base64.getEncoder().encodeToString(key) + "\n",
                            StandardCharsets.US_ASCII,
                            java.nio.file.StandardOpenOption.CREATE_NEW,
                            java.nio.file.StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException lostTheRace) {
                    // another engine on the same data folder wrote it first: its key is the one
                }
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo master key in " + file, e);
        }
    }

    static SecretKey decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not base64", e);
        }
        if (key.length != BYTES) {
            throw new IllegalStateException(source + " must hold " + BYTES + " bytes, not " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }
}
