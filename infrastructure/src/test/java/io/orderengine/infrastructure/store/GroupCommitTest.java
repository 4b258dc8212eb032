package io.orderengine.infrastructure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit's rules, with a commit that the test holds open: a write is acknowledged only after a commit
 * that started after it was applied, and one commit acknowledges every write applied before it started.
 */
class GroupCommitTest {

    private final ExecutorService writers = Executors.newCachedThreadPool();

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    /** A commit the test can hold open; counts the commits that finished. */
    private static final class HeldCommit implements Runnable {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger finished = new AtomicInteger();
        volatile boolean holdFirst = true;

        @Override
        public void run() {
            if (holdFirst) {
                holdFirst = false;
                entered.countDown();
                try {
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never released the commit");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            finished.incrementAndGet();
        }
    }

    @Test
    void aWriteAppliedWhileACommitRunsIsAcknowledgedOnlyAfterTheNextCommit() throws Exception {
        HeldCommit commit = new HeldCommit();
        GroupCommit group = new GroupCommit(commit);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> acknowledge(group, commit), writers);
        assertThat(commit.entered.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> acknowledge(group, commit), writers);
        await().atMost(Duration.ofSeconds(30)).until(() -> group.writes() == 2);
        commit.release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS))
                .as("commits finished when the first write was acknowledged")
                .isPositive();
        assertThat(second.get(30, TimeUnit.SECONDS))
                .as("commits finished when the second write was acknowledged")
                .isEqualTo(2);
        assertThat(group.commits()).isEqualTo(2);
    }

    @Test
    void writesQueuedBehindARunningCommitShareOneCommit() throws Exception {
        HeldCommit commit = new HeldCommit();
        GroupCommit group = new GroupCommit(commit);
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> acknowledge(group, commit), writers);
        assertThat(commit.entered.await(30, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            queued.add(CompletableFuture.supplyAsync(() -> acknowledge(group, commit), writers));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> group.writes() == 7);
        commit.release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).isPositive();
        for (CompletableFuture<Integer> write : queued) {
            assertThat(write.get(30, TimeUnit.SECONDS)).isEqualTo(2);
        }
        assertThat(group.writes()).isEqualTo(7);
        assertThat(group.commits())
                .as("one commit for the first write, one for the six queued behind it")
                .isEqualTo(2);
    }

    @Test
    void aWriteAlreadyCoveredByACommitIsAcknowledgedWithoutAnother() {
        AtomicInteger commits = new AtomicInteger();
        GroupCommit group = new GroupCommit(commits::incrementAndGet);
        group.awaitDurable();
        group.awaitDurable();
        assertThat(commits.get())
                .as("a lone writer commits for each of its writes")
                .isEqualTo(2);
        assertThat(group.commits()).isEqualTo(2);
        assertThat(group.writes()).isEqualTo(2);
    }

    @Test
    void aFailedCommitIsReportedToTheWriterAndTheNextWriterCommitsAgain() {
        AtomicInteger calls = new AtomicInteger();
        GroupCommit group = new GroupCommit(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        });
        assertThatThrownBy(group::awaitDurable).hasMessage("disk full");
        group.awaitDurable();
        assertThat(calls.get()).isEqualTo(2);
        assertThat(group.commits()).isEqualTo(1);
    }

    /** Applies a write, waits until it is durable, and tells how many commits had finished by then. */
    private static int acknowledge(GroupCommit group, HeldCommit commit) {
        group.awaitDurable();
        return commit.finished.get();
    }
}
