package io.orderengine.outbound.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule for outbound webhook targets, with a stub resolver: no test here resolves or connects to anything. */
class WebhookTargetsTest {

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address); // literals only: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * A resolver that answers an address literal with itself and each name with the next of the given answers (the
     * last one repeats).
     */
    private static WebhookTargets.Resolver answers(List<List<String>> answers) {
        Deque<List<String>> queue = new ArrayDeque<>(answers);
        return host -> {
            if (host.contains(":") || Character.isDigit(host.charAt(0))) {
                return List.of(literal(host));
            }
            List<String> next = queue.size() > 1 ? queue.poll() : queue.peek();
            if (next.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return next.stream().map(WebhookTargetsTest::literal).toList();
        };
    }

    @Test
    void addressesThatAreNotPublicAreRecognisedInEverySpelling() {
        for (String address : List.of(
                "0.0.0.0",
                "0.1.2.3",
                "10.0.0.1",
                "100.64.0.1",
                "100.127.255.254",
                "127.0.0.1",
                "127.255.255.254",
                "169.254.169.254",
                "172.16.0.1",
                "172.31.255.255",
                "192.0.0.8",
                "192.168.0.1",
                "198.18.0.1",
                "224.0.0.1",
                "240.0.0.1",
                "255.255.255.255",
                "::",
                "::1",
                "::ffff:10.0.0.1",
                "::10.0.0.1",
                "64:ff9b::a9fe:a9fe",
                "2002:c0a8:0101::1",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "fec0::1",
                "ff02::1")) {
            assertThat(WebhookTargets.isPublic(literal(address))).as(address).isFalse();
        }
        for (String address :
                List.of("8.8.8.8", "93.184.215.14", "100.63.255.255", "172.32.0.1", "2001:4860:4860::8888")) {
            assertThat(WebhookTargets.isPublic(literal(address))).as(address).isTrue();
        }
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsNotPublic() {
        WebhookTargets targets = new WebhookTargets(false, answers(List.of(List.of("8.8.8.8", "10.0.0.7"))));
        assertThatThrownBy(() -> targets.check(URI.create("https://erp.example.test/hooks")))
                .isInstanceOf(WebhookTargets.RefusedException.class)
                .hasMessageContaining("private");
    }

    @Test
    void aPublicNameIsAcceptedAndCheckedAgainBeforeEveryDeliveryCatchingDnsRebinding() {
        WebhookTargets targets = new WebhookTargets(
                false, answers(List.of(List.of("93.184.215.14"), List.of("93.184.215.14"), List.of("127.0.0.1"))));
        URI target = URI.create("https://rebind.example.test/hooks");
        assertThatCode(() -> targets.check(target)).doesNotThrowAnyException();
        assertThat(targets.checkBeforeDelivery(target)).containsExactly(literal("93.184.215.14"));
        assertThatThrownBy(() -> targets.checkBeforeDelivery(target))
                .isInstanceOf(WebhookTargets.RefusedException.class);
    }

    @Test
    void aNameThatDoesNotResolveIsAcceptedAtRegistrationButNotDelivered() {
        WebhookTargets targets = new WebhookTargets(false, answers(List.of(List.of())));
        URI target = URI.create("https://not-yet.example.test/hooks");
        assertThatCode(() -> targets.check(target)).doesNotThrowAnyException();
        assertThatThrownBy(() -> targets.checkBeforeDelivery(target))
                .isInstanceOf(WebhookTargets.RefusedException.class)
                .hasMessageContaining("does not resolve");
    }

    @Test
    void allowingPrivateTargetsStillRefusesTheEnginesOwnPort() {
        WebhookTargets targets = new WebhookTargets(true, answers(List.of(List.of("127.0.0.1"))));
        targets.ownPort(8080);
        assertThatCode(() -> targets.check(URI.create("http://receiver.test:9090/hooks")))
                .doesNotThrowAnyException();
        assertThatCode(() -> targets.checkBeforeDelivery(URI.create("http://10.0.0.5:8080/hooks")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> targets.check(URI.create("http://receiver.test:8080/api/v1/admin/skus")))
                .isInstanceOf(WebhookTargets.RefusedException.class)
                .hasMessageContaining("this engine");
    }

    @Test
    void withoutTheSettingLoopbackIsRefusedLikeAnyPrivateAddress() {
        WebhookTargets targets = new WebhookTargets(false, answers(List.of(List.of("127.0.0.1"))));
        assertThatThrownBy(() -> targets.check(URI.create("http://localhost:9090/hooks")))
                .isInstanceOf(WebhookTargets.RefusedException.class);
    }
}
