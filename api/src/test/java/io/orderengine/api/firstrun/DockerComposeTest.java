package io.orderengine.api.firstrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The invariants of {@code docker-compose.yml} and the files it uses, checked without a Docker engine: every image
 * pinned to a version, the engine ready-checked and restarted, the monitoring profile wired to the engine's meters,
 * the test-store profile reachable from the host with the README's exact {@code MONGODB_URI}, and a
 * {@code .dockerignore} that keeps history, build output and data out of the image.
 */
class DockerComposeTest {

    private static final Pattern PINNED =
            Pattern.compile("[^:@\\s]+(:[^:\\s]*\\d+\\.\\d+[^:\\s]*|@sha256:[0-9a-f]{64})");
    private static final ObjectMapper JSON = new ObjectMapper();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String relative) {
        return (Map<String, Object>) new Yaml(new LoaderOptions()).load(RepositoryScripts.read(relative));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) yaml("docker-compose.yml").get("services");
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        services().forEach((name, service) -> {
            if (service.containsKey("image")) {
                assertThat((String) service.get("image"))
                        .as(name)
                        .matches(PINNED)
                        .doesNotContain(":latest");
            } else {
                assertThat(service).as(name + " builds from the Dockerfile").containsKey("build");
            }
        });
        List<String> from = RepositoryScripts.read("Dockerfile")
                .lines()
                .filter(line -> line.startsWith("FROM "))
                .map(line -> line.split("\\s+")[1])
                .toList();
        assertThat(from).isNotEmpty().allSatisfy(image -> assertThat(image).matches(PINNED));
    }

    @Test
    void everyEngineIsRestartedAndReadyOnlyWhenItsReadinessSaysSo() {
        services().forEach((name, service) -> {
            if (!name.equals("mongo-init")) {
                assertThat(service.get("restart")).as(name).isIn("always", "unless-stopped", "on-failure");
            }
        });
        for (String engine : List.of("engine", "engine-1", "engine-2", "engine-3")) {
            Map<String, Object> service = services().get(engine);
            assertThat(service).as(engine).containsKey("build");
            @SuppressWarnings("unchecked")
            Map<String, Object> health = (Map<String, Object>) service.get("healthcheck");
            assertThat(String.join(" ", (List<String>) health.get("test")))
                    .as(engine)
                    .contains("/actuator/health/readiness", "127.0.0.1/9090");
            assertThat(environment(engine)).containsEntry("MANAGEMENT_SERVER_PORT", "9090");
            assertThat(service)
                    .as(engine + " never publishes the management port")
                    .doesNotContainKey("expose");
            assertThat(String.valueOf(service.get("ports"))).doesNotContain("9090");
        }
    }

    @Test
    void theMonitoringProfileScrapesTheEngineAndShowsTheDocumentedMeters() throws Exception {
        Map<String, Map<String, Object>> services = services();
        assertThat(services.get("prometheus").get("profiles")).isEqualTo(List.of("monitoring"));
        assertThat(services.get("grafana").get("profiles")).isEqualTo(List.of("monitoring"));
        assertThat(services.get("prometheus").get("volumes").toString())
                .contains("./monitoring/prometheus.yml:/etc/prometheus/prometheus.yml");
        assertThat(services.get("grafana").get("volumes").toString())
                .contains("./monitoring/grafana/provisioning:/etc/grafana/provisioning")
                .contains("./monitoring/grafana/dashboards:/var/lib/grafana/dashboards");

        String prometheus = RepositoryScripts.read("monitoring/prometheus.yml");
        assertThat(yaml("monitoring/prometheus.yml")).containsKey("scrape_configs");
        assertThat(prometheus).contains("metrics_path: /actuator/prometheus", "\"engine:9090\"");
        assertThat(RepositoryScripts.read("monitoring/grafana/provisioning/datasources/prometheus.yml"))
                .contains("url: http://prometheus:9090", "uid: prometheus");
        assertThat(yaml("monitoring/grafana/provisioning/dashboards/order-engine.yml"))
                .containsKey("providers");

        JsonNode dashboard = JSON.readTree(RepositoryScripts.read("monitoring/grafana/dashboards/order-engine.json"));
        Set<String> meters = new TreeSet<>();
        Matcher meter = Pattern.compile("orderengine_[a-z_]+").matcher(dashboard.toString());
        while (meter.find()) {
            meters.add(meter.group().replaceAll("_(sum|count|max)$", ""));
        }
        String operations = RepositoryScripts.read("docs/operations.md");
        assertThat(meters)
                .hasSizeGreaterThan(10)
                .allSatisfy(name ->
                        assertThat(operations).as("documented meter " + name).contains("`" + name));
    }

    @Test
    void theTestStoreIsAReplicaSetTheHostReachesWithTheReadmesUri() {
        Map<String, Object> store = services().get("mongo-test");
        assertThat(store.get("profiles")).isEqualTo(List.of("test-store"));
        assertThat(store.get("ports")).isEqualTo(List.of("127.0.0.1:27017:27017"));
        assertThat(store.get("command").toString()).contains("--replSet, rstest", "--port, 27017");
        assertThat(store.get("healthcheck").toString())
                .contains("_id: 'rstest'", "host: 'localhost:27017'", "isWritablePrimary");

        String readme = RepositoryScripts.read("README.md");
        assertThat(readme)
                .contains("docker compose --profile test-store up -d --wait mongo-test")
                .contains("MONGODB_URI='mongodb://localhost:27017/?replicaSet=rstest' mvn -B verify");
    }

    @Test
    void theImageBuildLeavesHistoryBuildOutputAndDataOut() {
        List<String> ignored = RepositoryScripts.read(".dockerignore").lines().toList();
        assertThat(ignored).contains(".git", "**/target/", "data/");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String service) {
        return (Map<String, Object>) services().get(service).get("environment");
    }
}
