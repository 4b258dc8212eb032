package io.orderengine.messages.common;

import java.util.Objects;

/**
 * Who asked for a change: a signed-in customer (id = JWT subject), a guest (id = order id),
 * an admin (id = JWT subject) or the engine itself (id names the component, e.g. "checkout-saga").
 */
public record Actor(Type type, String id) {

    public enum Type {
        CUSTOMER,
        GUEST,
        ADMIN,
        SYSTEM
    }

    public Actor {
        Objects.requireNonNull(type, "actor type");
        Objects.requireNonNull(id, "actor id");
    }

    public static Actor customer(String subject) {
        return new Actor(Type.CUSTOMER, subject);
    }

    public static Actor guest(String orderId) {
        return new Actor(Type.GUEST, orderId);
    }

    public static Actor admin(String subject) {
        return new Actor(Type.ADMIN, subject);
    }

    public static Actor system(String component) {
        return new Actor(Type.SYSTEM, component);
    }

    public boolean isAdmin() {
        return type == Type.ADMIN;
    }

    public boolean isSystem() {
        return type == Type.SYSTEM;
    }

    @Override
    public String toString() {
        return type.name().toLowerCase() + ":" + id;
    }
}
