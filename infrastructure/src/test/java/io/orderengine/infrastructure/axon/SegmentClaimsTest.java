package io.orderengine.infrastructure.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SegmentClaimsTest {

    @Test
    void aLoneEngineOnItsEmbeddedStoreIsOneNodeAcrossRestartsAndExtendsItsClaimsRarely() {
        SegmentClaims claims = SegmentClaims.of(Optional.of(Path.of("data", "engine.mv")), false);

        assertThat(claims.nodeId())
                .isEqualTo("embedded:"
                        + Path.of("data", "engine.mv").toAbsolutePath().normalize());
        assertThat(SegmentClaims.of(Optional.of(Path.of("data/../data/engine.mv")), false)
                        .nodeId())
                .as("the same file, however it is written")
                .isEqualTo(claims.nodeId());
        assertThat(claims.leftOverAtStart()).isTrue();
        assertThat(claims.claimTimeout()).isEqualTo(Duration.ofHours(3));
        assertThat(claims.extensionMillis()).isEqualTo(3_600_000);
        assertThat(Duration.ofMillis(claims.extensionMillis()).multipliedBy(2))
                .as("a claim is extended at least twice before it could lapse")
                .isLessThan(claims.claimTimeout());
    }

    @Test
    void instancesThatMayShareTheStoreKeepAxonsPerProcessNodesAndShortClaims() {
        assertThat(SegmentClaims.of(Optional.of(Path.of("data", "engine.mv")), true))
                .as("clustered on the embedded store")
                .isEqualTo(SegmentClaims.SHARED);
        assertThat(SegmentClaims.of(Optional.empty(), false))
                .as("on a MongoDB (MONGODB_URI), which another instance may share")
                .isEqualTo(SegmentClaims.SHARED);
        assertThat(SegmentClaims.SHARED.nodeId()).isNull();
        assertThat(SegmentClaims.SHARED.leftOverAtStart())
                .as("another instance's claims are alive")
                .isFalse();
        assertThat(SegmentClaims.SHARED.claimTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(SegmentClaims.SHARED.extensionMillis()).isEqualTo(5_000);
    }
}
