package io.orderengine.api.admin.projections;

import io.orderengine.api.web.ApiException;
import io.orderengine.query.projection.ProjectionRebuilder;
import io.orderengine.query.projection.ProjectionStatus;
import io.orderengine.query.projection.RebuildInProgressException;
import io.orderengine.query.projection.RebuildProgress;
import io.orderengine.query.projection.UnknownProjectionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/**
 * The read models' health and their rebuild (admins only).
 * <ul>
 * <li>{@code GET /api/v1/admin/projections} → {@code {"projections":[{"name","running","error","segments":[{"segment",
 *     "position","caughtUp","replaying","error"}],"position","headPosition","lag","generation","collections":{..},
 *     "rebuild":{..}|null}]}}; {@code GET /api/v1/admin/projections/{name}} → one of them.</li>
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

    ProjectionAdminController(ProjectionRebuilder rebuilder) {
        this.rebuilder = rebuilder;
    }

    /** Every projection's status. */
    record Projections(List<ProjectionStatus> projections) {
    }

    @GetMapping("/api/v1/admin/projections")
    Projections projections() {
        return new Projections(rebuilder.status());
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
