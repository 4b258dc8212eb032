package io.orderengine.outbound.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.testkit.InMemoryMongo;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertStatesTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private InMemoryMongo mongo;
    private AlertStates states;

    @BeforeEach
    void start() {
        mongo = InMemoryMongo.start();
        states = new AlertStates(mongo.database());
    }

    @AfterEach
    void stop() {
        mongo.close();
    }

    @Test
    void anEpisodeIsRaisedOnceWhoeverEvaluatesAndAfterARestart() {
        assertThat(states.raise("LOW_STOCK", "MUG (2 available)", T0)).isPresent();

        assertThat(states.raise("LOW_STOCK", "MUG (1 available)", T0.plusSeconds(30)))
                .isEmpty();
        AlertStates restartedOrSecondInstance = new AlertStates(mongo.database());
        assertThat(restartedOrSecondInstance.raise("LOW_STOCK", "MUG (1 available)", T0.plusSeconds(60)))
                .isEmpty();

        assertThat(states.all()).singleElement().satisfies(alert -> {
            assertThat(alert.raised()).isTrue();
            assertThat(alert.since()).isEqualTo(T0);
            assertThat(alert.detail()).isEqualTo("MUG (1 available)");
        });
    }

    @Test
    void aRecoveryIsReportedOnceAndTheNextEpisodeIsANewOne() {
        Alert first =
                states.raise("DEAD_LETTERS_PRESENT", "notifications: 1", T0).orElseThrow();

        Alert cleared = states.clear("DEAD_LETTERS_PRESENT", T0.plusSeconds(90)).orElseThrow();
        assertThat(cleared.raised()).isFalse();
        assertThat(cleared.episode()).isEqualTo(first.episode());
        assertThat(cleared.since()).isEqualTo(T0);
        assertThat(cleared.clearedAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(new AlertStates(mongo.database()).clear("DEAD_LETTERS_PRESENT", T0.plusSeconds(120)))
                .isEmpty();
        assertThat(states.clear("NEVER_RAISED", T0)).isEmpty();

        Alert second = states.raise("DEAD_LETTERS_PRESENT", "notifications: 3", T0.plusSeconds(300))
                .orElseThrow();
        assertThat(second.episode()).isNotEqualTo(first.episode());
        assertThat(second.since()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void oneInstanceEvaluatesUntilItsLeaseRunsOutOrItResigns() {
        Duration lease = Duration.ofMinutes(2);
        assertThat(states.lead("a", T0, lease)).isTrue();
        assertThat(states.lead("b", T0.plusSeconds(10), lease)).isFalse();
        assertThat(states.lead("a", T0.plusSeconds(60), lease)).isTrue();
        assertThat(states.lead("b", T0.plusSeconds(170), lease)).isFalse();

        assertThat(states.lead("b", T0.plusSeconds(181), lease)).isTrue();
        assertThat(states.lead("a", T0.plusSeconds(182), lease)).isFalse();

        states.resign("b");
        assertThat(states.lead("a", T0.plusSeconds(183), lease)).isTrue();
    }
}
