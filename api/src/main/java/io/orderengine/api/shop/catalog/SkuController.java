package io.orderengine.api.shop.catalog;

import io.orderengine.api.web.PageParameters;
import io.orderengine.messages.query.ListSkusQuery;
import io.orderengine.query.sku.SkuPage;
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
    SkuPage catalogue(@RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        return queries.query(
                        new ListSkusQuery(true, PageParameters.page(page, size)),
                        ResponseTypes.instanceOf(SkuPage.class))
                .join();
    }
}
