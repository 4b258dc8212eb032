package io.orderengine.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.core.env.Environment;

/**
 * The demo mode's HS256 key, kept in the data folder so that demo tokens survive a restart: created on first start
 * (32 random bytes, base64, owner-only permissions where the file system has them) and read on every later one.
 * {@code engine.demo.signing-key-file} names the file (default {@code demo-signing-key} next to the embedded store's
 * file, i.e. {@code ./data/demo-signing-key}); set to empty, the key is random per process. Deleting the data folder
 * starts clean, with a new key.
 */
final class DemoSigningKey {

    static final String PROPERTY = "engine.demo.signing-key-file";

    private DemoSigningKey() {}

    /** The key file for this environment, or null when the key is to be random per process. */
    static Path file(Environment environment) {
        String configured = environment.getProperty(PROPERTY);
        if (configured != null) {
            return configured.isBlank() ? null : Path.of(configured);
        }
        Path store = Path.of(environment.getProperty("engine.store.embedded-path", "./data/engine.mv"));
        Path folder = store.toAbsolutePath().getParent();
        return folder.resolve("demo-signing-key");
    }

    static byte[] random() {
        byte[] key = new byte[DemoMode.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** The key kept in {@code file}, created there first when absent. */
    static byte[] loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo signing key in " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path draft = file.resolveSibling(
                file.getFileName() + "." + ProcessHandle.current().pid() + ".new");
        Files.deleteIfExists(draft);
        Files.createFile(draft, ownerOnly());
        try {
            Files.writeString(draft, Base64.getEncoder().encodeToString(random()) + "\n", StandardCharsets.US_ASCII);
            // a hard link is created atomically and never replaces: of two engines starting at once, one key wins
            Files.createLink(file, draft);
        } catch (FileAlreadyExistsException lostTheRace) {
            // the other engine's key is the one
        } catch (UnsupportedOperationException noLinks) {
            Files.move(draft, file);
        } finally {
            Files.deleteIfExists(draft);
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] key;
        try {
            key = Base64.getDecoder()
                    .decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length < DemoMode.MIN_SECRET_BYTES) {
            throw new IllegalStateException(
                    file + " does not hold a demo signing key (base64 of 32 bytes); delete it to have a new one made");
        }
        return key;
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        };
    }
}
