/**
 * JUnit 5 support: {@link io.mdbldap.server.junit.EmbeddedLdap} on a test class or method starts
 * an {@link io.mdbldap.server.embedded.EmbeddedDirectory} for it, resets it to its fixture after
 * every test, and injects it, its URL or connections.
 */
package io.mdbldap.server.junit;
