package io.orderengine.api.admin.customers;

import io.orderengine.api.web.PageParameters;
import io.orderengine.messages.query.FindCustomerStatsQuery;
import io.orderengine.query.customer.CustomerStatsView;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/admin/customers/{id}/stats} → {@code {"customerId","orderCount","totalSpentMinor":{..},
 * "lastOrderAt"}} (zeros for a customer without orders; admins only).
 */
@RestController
class CustomerStatsController {

    private static final int MAX_CUSTOMER_ID = 200;

    private final QueryGateway queries;

    CustomerStatsController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/admin/customers/{id}/stats")
    CustomerStatsView customer(@PathVariable String id) {
        if (id.isBlank() || id.length() > MAX_CUSTOMER_ID) {
            throw PageParameters.invalid("The customer id must be 1 to " + MAX_CUSTOMER_ID + " characters.");
        }
        return queries.query(new FindCustomerStatsQuery(id), CustomerStatsView.class)
                .join();
    }
}
