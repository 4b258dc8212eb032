package io.orderengine.infrastructure.privacy;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import javax.crypto.SecretKey;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/** Encryption of personal data in events: the master key, the data subjects' keys and the cipher. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
public class PrivacyConfiguration {

    @Bean
    public PersonalDataCipher personalDataCipher(
            MongoDatabase database,
            PrivacyProperties properties,
            Environment environment,
            ObjectProvider<Clock> clock) {
        SecretKey master = MasterKey.resolve(properties, environment);
        if (!properties.encryptEvents() && environment.acceptsProfiles(Profiles.of("prod"))) {
            throw new IllegalStateException("engine.privacy.encrypt-events=false is for measurements, not with the "
                    + "prod profile: personal data written in plain cannot be erased");
        }
        DataKeys keys = new DataKeys(database, master, properties, clock.getIfAvailable(Clock::systemUTC));
        return new PersonalDataCipher(keys, master, properties.encryptEvents());
    }

    /** A cipher on its own keys collection and master key: for tests and the re-encryption tool. */
    public static PersonalDataCipher cipher(MongoDatabase database, SecretKey master, PrivacyProperties properties) {
        return new PersonalDataCipher(
                new DataKeys(database, master, properties, Clock.systemUTC()), master, properties.encryptEvents());
    }
}
