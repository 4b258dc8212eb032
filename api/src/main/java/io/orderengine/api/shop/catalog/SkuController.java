package io.orderengine.api.shop.catalog;

import io.orderengine.messages.query.ListSkusQuery;
import io.orderengine.messages.query.PageRequest;
import io.orderengine.query.sku.SkuPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public catalogue: {@code GET /api/v1/skus?page&size} → {@code {"items":[SkuView],"page","size","total"}}, active
 * SKUs with their availability. SKU administration is {@code io.orderengine.api.admin.catalog.AdminSkuController}.
 */
@RestController
@Validated
class SkuController {

    private final QueryGateway queries;

    SkuController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/skus")
    SkuPage catalogue(
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        return queries.query(
                        new ListSkusQuery(true, new PageRequest(page, size)), ResponseTypes.instanceOf(SkuPage.class))
                .join();
    }
}
