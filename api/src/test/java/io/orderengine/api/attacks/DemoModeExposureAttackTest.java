package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.api.web.TomcatConfiguration;
import io.orderengine.testkit.TestStore;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.mock.env.MockEnvironment;

/**
 * Demo mode on every interface (issue #17): an engine with a random signing key, a token endpoint anyone may call
 * and sandbox payments listened on all addresses. It listens on the loopback address now unless
 * {@code server.address} is set; an engine with a JWT secret is unchanged.
 */
class DemoModeExposureAttackTest {

    @TempDir
    static Path folder;

    @Test
    void aDemoEngineListensOnTheLoopbackAddressOnly() {
        try (RunningEngine engine = RunningEngine.start(TestStore.fresh(folder))) {
            assertThat(engine.bean(TomcatServletWebServerFactory.class).getAddress())
                    .isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(engine.client().get("/api/v1/skus", null).status()).isEqualTo(200);
        }
    }

    @Test
    void anExplicitServerAddressWinsInDemoMode() throws Exception {
        ServerProperties server = new ServerProperties();
        server.setAddress(InetAddress.getByName("0.0.0.0"));
        assertThat(customized(new MockEnvironment(), server)).isNull();
    }

    @Test
    void anEngineWithASecretIsNotInDemoModeAndKeepsItsAddress() {
        MockEnvironment environment = new MockEnvironment().withProperty("engine.security.jwt-secret", "x".repeat(40));
        assertThat(customized(environment, new ServerProperties())).isNull();
    }

    @Test
    void aDemoEngineWithoutAnAddressGetsTheLoopbackAddress() {
        assertThat(customized(new MockEnvironment(), new ServerProperties()))
                .isEqualTo(InetAddress.getLoopbackAddress());
    }

    /** The address the demo-mode customizer leaves on a fresh factory (the server properties apply theirs apart). */
    private static InetAddress customized(MockEnvironment environment, ServerProperties server) {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
        new TomcatConfiguration().demoModeListensOnLoopback(environment, server).customize(factory);
        return factory.getAddress();
    }
}
