package io.orderengine.infrastructure.privacy;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Encryption of personal data in events ({@code engine.privacy.*}).
 *
 * @param masterKey     base64 of 32 random bytes (AES-256) that wraps every data subject's key; required with the
 *                      {@code prod} profile; without it (demo) a key is generated into {@code masterKeyFile}
 * @param masterKeyFile where the generated demo master key is kept (default {@code demo-master-key} next to the
 *                      embedded store's file)
 * @param keyCacheSize  how many unwrapped data keys are kept in memory
 * @param keyCacheTtl   how long an unwrapped data key is used before it is read again (bounds how long another
 *                      instance keeps decrypting a subject erased elsewhere)
 * @param encryptEvents whether personal data is encrypted when events are written (default true, and always under
 *                      {@code prod}); false only to measure its cost: what is written then cannot be erased
 */
@Validated
@ConfigurationProperties("engine.privacy")
public record PrivacyProperties(
        String masterKey,
        String masterKeyFile,
        @Min(1) @DefaultValue("10000") int keyCacheSize,
        @DefaultValue("60s") Duration keyCacheTtl,
        @DefaultValue("true") boolean encryptEvents) {}
