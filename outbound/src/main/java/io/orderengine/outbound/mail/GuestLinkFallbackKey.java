package io.orderengine.outbound.mail;

/**
 * Where {@link GuestLinks} takes its key when {@code engine.guest-links.secret} is not set: the web adapter derives
 * one from the token signing secret, which is the same on every instance and survives restarts.
 */
@FunctionalInterface
public interface GuestLinkFallbackKey {

    /** At least 32 bytes. */
    byte[] key();
}
