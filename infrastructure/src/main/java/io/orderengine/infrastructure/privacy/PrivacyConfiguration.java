package io.orderengine.infrastructure.privacy;

import com.mongodb.client.MongoDatabase;
import io.orderengine.messages.privacy.DataSubject;
import java.time.Clock;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** Encryption of personal data in events: the master key, the data subjects' keys and the cipher. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyConfiguration {

    /**
     * The cipher; its master key is resolved when first needed, and at the latest once every bean exists
     * ({@link #privacyMasterKeyCheck}), so that a missing key stops start-up after the settings checked before it.
     */
    @Bean
    public PersonalDataCipher personalDataCipher(
            MongoDatabase database,
            PrivacyProperties properties,
            Environment environment,
            ObjectProvider<Clock> clock) {
        Supplier<SecretKey> master = new Memo(() -> {
            SecretKey key = MasterKey.resolve(properties, environment);
            if (!properties.encryptEvents() && environment.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException("engine.privacy.encrypt-events=false is for measurements, not with "
                        + "the prod profile: personal data written in plain cannot be erased");
            }
            return key;
        });
        DataKeys keys = new DataKeys(database, master, properties, clock.getIfAvailable(Clock::systemUTC));
        return new PersonalDataCipher(keys, master, properties.encryptEvents());
    }

    /** Fails start-up when the master key is missing (under {@code prod}) or unusable. */
    @Bean
    static SmartInitializingSingleton privacyMasterKeyCheck(ObjectProvider<PersonalDataCipher> cipher) {
        return () -> cipher.getObject().keyId(DataSubject.customer("start-up check"));
    }

    private static final class Memo implements Supplier<SecretKey> {
        private final Supplier<SecretKey> source;
        private volatile SecretKey value;

        Memo(Supplier<SecretKey> source) {
            this.source = source;
        }

        @Override
        public synchronized SecretKey get() {
            if (value == null) {
                value = source.get();
            }
            return value;
        }
    }

    /** A cipher on its own keys collection and master key: for tests and the re-encryption tool. */
    public static PersonalDataCipher cipher(MongoDatabase database, SecretKey master, PrivacyProperties properties) {
        return new PersonalDataCipher(
                new DataKeys(database, () -> master, properties, Clock.systemUTC()),
                () -> master,
                properties.encryptEvents());
    }
}
