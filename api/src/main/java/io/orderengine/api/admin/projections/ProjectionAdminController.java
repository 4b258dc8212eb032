package io.orderengine.api.admin.projections;

import io.orderengine.api.web.ApiException;
import io.orderengine.infrastructure.cluster.ClusterMembership;
import io.orderengine.infrastructure.inspection.TokenClaims;
import io.orderengine.query.projection.ProjectionRebuilder;
import io.orderengine.query.projection.ProjectionStatus;
import io.orderengine.query.projection.RebuildInProgressException;
import io.orderengine.query.projection.RebuildProgress;
import io.orderengine.query.projection.UnknownProjectionException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read models' health and their rebuild (admins only).
 * <ul>
 * <li>{@code GET /api/v1/admin/projections} → {@code {"instance","projections":[{"name","running","error",
 *     "segments":[{"segment","position","caughtUp","replaying","error"}],"position","headPosition","lag","generation",
 *     "collections":{..},"rebuild":{..}|null}],"processors":[{"name","running","segments":[0,1,..],
 *     "claims":{"owner":[segments]}}]}}; {@code GET /api/v1/admin/projections/{name}} → one of them.
 *     With several engine instances on one store ({@code docs/scaling.md}) the answer is the answering instance's
 *     view: {@code instance} is its id ({@code pid@host/suffix}), a projection's {@code segments} and a processor's
 *     {@code segments} are the segments this instance's processor holds; {@code claims} is who holds each
 *     segment according to the token store (owner {@code pid@host}, the instance id before the slash; an owner
 *     that died keeps its claims until they time out), for every event processor, sagas and outboxes included.</li>
 * <li>{@code POST /api/v1/admin/projections/{name}/rebuild} → 202 with the rebuild's progress
 *     {@code {"projection","generation","processor","state","eventsProcessed","eventsTotal","position","startedAt",
 *     "finishedAt","error"}} and {@code Location} of the projection's status; the old collections keep serving until
 *     the rebuilt ones take over. 404 for an unknown name, 409 while a rebuild of it runs.</li>
 * </ul>
 * Names are the processing groups: {@code customer-stats}, {@code order-detail}, {@code order-metrics},
 * {@code sku-stock}.
 */
@RestController
class ProjectionAdminController {

    private final ProjectionRebuilder rebuilder;
    private final EventProcessingConfiguration processing;
    private final ClusterMembership membership;
    private final TokenClaims tokenClaims;

    ProjectionAdminController(
            ProjectionRebuilder rebuilder,
            EventProcessingConfiguration processing,
            ClusterMembership membership,
            TokenClaims tokenClaims) {
        this.rebuilder = rebuilder;
        this.processing = processing;
        this.membership = membership;
        this.tokenClaims = tokenClaims;
    }

    /** Every projection's status, and which event-processor segments this instance and the others hold. */
    record Projections(String instance, List<ProjectionStatus> projections, List<ProcessorSegments> processors) {}

    /**
     * One event processor: whether it runs here, the segments this instance holds, and the token store's claims
     * (owner → segments; unclaimed segments are left out).
     */
    record ProcessorSegments(String name, boolean running, List<Integer> segments, Map<String, List<Integer>> claims) {}

    @GetMapping("/api/v1/admin/projections")
    Projections projections() {
        return new Projections(membership.instanceId(), rebuilder.status(), processors());
    }

    private List<ProcessorSegments> processors() {
        Map<String, Map<String, List<Integer>>> claims = tokenClaims.byProcessor();
        List<ProcessorSegments> processors = new ArrayList<>();
        new TreeMap<>(processing.eventProcessors()).forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<String, List<Integer>> owners = claims.getOrDefault(name, Map.of());
                processors.add(new ProcessorSegments(
                        name,
                        streaming.isRunning(),
                        streaming.processingStatus().keySet().stream().sorted().toList(),
                        owners));
            }
        });
        return processors;
    }

    @GetMapping("/api/v1/admin/projections/{name}")
    ProjectionStatus projection(@PathVariable String name) {
        return rebuilder.status().stream()
                .filter(status -> status.name().equals(name))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("Projection " + name));
    }

    @PostMapping("/api/v1/admin/projections/{name}/rebuild")
    ResponseEntity<RebuildProgress> rebuild(@PathVariable String name) {
        try {
            RebuildProgress progress = rebuilder.start(name);
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .location(URI.create("/api/v1/admin/projections/" + name))
                    .body(progress);
        } catch (UnknownProjectionException e) {
            throw ApiException.notFound("Projection " + name);
        } catch (RebuildInProgressException e) {
            throw new ApiException(HttpStatus.CONFLICT, "rebuild-in-progress", e.getMessage());
        }
    }
}
