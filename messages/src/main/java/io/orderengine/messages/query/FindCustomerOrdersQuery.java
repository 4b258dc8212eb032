package io.orderengine.messages.query;

import io.orderengine.messages.order.OrderStatus;

/** A customer's order history, newest first; {@code status} null means every status. */
public record FindCustomerOrdersQuery(String customerId, OrderStatus status, PageRequest page) {}
