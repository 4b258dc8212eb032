package io.orderengine.api.engine;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's aggregate {@link Cache} on a Caffeine cache of at most {@code maximumSize} entries; beyond that Caffeine
 * evicts by its own policy (how recently and how often an entry was used). Axon's {@code WeakReferenceCache} keeps an
 * aggregate only until the next garbage collection, which under traffic comes before most orders' next command (on
 * the lifecycle bench it spared a quarter of the orders' loads from the store, this cache all of them;
 * docs/benchmarks.md). Listeners hear of entries created, read, updated, removed and evicted (as expired).
 */
public final class BoundedAggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
    private final ConcurrentMap<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    public BoundedAggregateCache(long maximumSize) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                // evictions and their listeners run on the writing thread, not on a pool of Caffeine's
                .executor(Runnable::run)
                .removalListener((Object key, Object value, RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        notify(listener -> listener.onEntryExpired(key));
                    }
                })
                .build();
        this.entries = cache.asMap();
    }

    /** Entries held now, once evictions due have been made. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value != null) {
            notify(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        Object previous = entries.put(key, value);
        notify(listener -> {
            if (previous == null) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean created = entries.putIfAbsent(key, value) == null;
        if (created) {
            notify(listener -> listener.onEntryCreated(key, value));
        }
        return created;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        Object[] created = new Object[1];
        T value = (T) entries.computeIfAbsent(key, absent -> {
            T made = valueSupplier.get();
            if (made == null) {
                throw new IllegalArgumentException("the value supplier produced null for key [" + key + "]");
            }
            created[0] = made;
            return made;
        });
        if (created[0] != null) {
            notify(listener -> listener.onEntryCreated(key, created[0]));
        }
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        Object updated = entries.computeIfPresent(key, (present, value) -> update.apply((V) value));
        if (updated != null) {
            notify(listener -> listener.onEntryUpdated(key, updated));
        }
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            notify(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        entries.keySet().forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private void notify(Consumer<EntryListener> event) {
        listeners.forEach(event);
    }
}
