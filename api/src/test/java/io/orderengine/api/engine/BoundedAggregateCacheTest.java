package io.orderengine.api.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

/**
 * The aggregate cache keeps what it was given until it holds more than its size, then drops one entry (Caffeine's
 * policy chooses which); it tells its listeners what happened to each key, and stops telling a listener whose registration was
 * cancelled.
 */
class BoundedAggregateCacheTest {

    @Test
    void keepsEntriesUntilFullThenDropsOne() {
        BoundedAggregateCache cache = new BoundedAggregateCache(3);
        List<String> events = listen(cache);
        cache.put("a", "A");
        cache.put("b", "B");
        cache.put("c", "C");
        assertThat(cache.size()).isEqualTo(3);
        assertThat((String) cache.get("a")).isEqualTo("A");

        cache.put("d", "D");

        assertThat(cache.size()).isEqualTo(3);
        List<String> gone = List.of("a", "b", "c", "d").stream()
                .filter(key -> !cache.containsKey(key))
                .toList();
        assertThat(gone).hasSize(1);
        // the eviction is made while "d" is put, before its creation is told
        assertThat(events)
                .startsWith("created a", "created b", "created c", "read a")
                .containsExactlyInAnyOrder(
                        "created a", "created b", "created c", "read a", "created d", "expired " + gone.get(0));
    }

    @Test
    void putReplacesRemoveForgetsAndANullValueIsARemoval() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        List<String> events = listen(cache);
        cache.put("order-1", "v1");
        cache.put("order-1", "v2");
        assertThat((String) cache.get("order-1")).isEqualTo("v2");

        assertThat(cache.remove("order-1")).isTrue();
        assertThat(cache.remove("order-1")).as("already gone").isFalse();
        assertThat((String) cache.get("order-1")).isNull();

        cache.put("order-2", "v1");
        cache.put("order-2", null);
        assertThat(cache.containsKey("order-2")).isFalse();
        assertThat(events)
                .containsExactly(
                        "created order-1",
                        "updated order-1",
                        "read order-1",
                        "removed order-1",
                        "created order-2",
                        "removed order-2");
    }

    @Test
    void putIfAbsentAndTheComputingVariantsLeaveAPresentEntryAlone() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        List<String> events = listen(cache);
        assertThat(cache.putIfAbsent("k", "first")).isTrue();
        assertThat(cache.putIfAbsent("k", "second")).isFalse();
        assertThat((String) cache.computeIfAbsent("k", () -> "third")).isEqualTo("first");
        assertThat((String) cache.computeIfAbsent("new", () -> "made")).isEqualTo("made");
        assertThatThrownBy(() -> cache.computeIfAbsent("none", () -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.containsKey("none")).isFalse();

        cache.<String>computeIfPresent("k", value -> value + "+");
        cache.<String>computeIfPresent("absent", value -> "never");
        assertThat((String) cache.get("k")).isEqualTo("first+");
        assertThat(cache.containsKey("absent")).isFalse();
        assertThat(events).containsExactly("created k", "created new", "updated k", "read k");

        cache.removeAll();
        assertThat(cache.containsKey("k")).isFalse();
        assertThat(cache.containsKey("new")).isFalse();
    }

    @Test
    void aCancelledListenerHearsNothingMore() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        List<String> events = new CopyOnWriteArrayList<>();
        Registration registration = cache.registerCacheEntryListener(new Recorder(events));
        cache.put("a", "A");
        assertThat(registration.cancel()).isTrue();
        cache.put("b", "B");
        cache.remove("a");
        assertThat(events).containsExactly("created a");
    }

    private static List<String> listen(Cache cache) {
        List<String> events = new CopyOnWriteArrayList<>();
        cache.registerCacheEntryListener(new Recorder(events));
        return events;
    }

    private static final class Recorder extends Cache.EntryListenerAdapter {

        private final List<String> events;

        Recorder(List<String> events) {
            this.events = events;
        }

        @Override
        public void onEntryExpired(Object key) {
            events.add("expired " + key);
        }

        @Override
        public void onEntryRemoved(Object key) {
            events.add("removed " + key);
        }

        @Override
        public void onEntryUpdated(Object key, Object value) {
            events.add("updated " + key);
        }

        @Override
        public void onEntryCreated(Object key, Object value) {
            events.add("created " + key);
        }

        @Override
        public void onEntryRead(Object key, Object value) {
            events.add("read " + key);
        }
    }
}
