package io.orderengine.query.common;

import java.util.List;

/**
 * One page of a list read model, serialized as {@code {"items":[...],"page":0,"size":20,"total":123}}:
 * {@code page} counts from 0, {@code size} is the requested page size and {@code total} counts every match.
 * Each list answers with its own record implementing this ({@code OrderSummaryPage}, {@code SkuPage}) because
 * Axon matches query response types by class: a handler declared to return a generic {@code Page<T>} would match
 * no {@code ResponseTypes.instanceOf(..)}, while a concrete record matches both its own class and {@code Page}.
 */
public interface Page<T> {

    List<T> items();

    int page();

    int size();

    long total();
}
