/**
 * The evaluation of slapd-style access rules, free of the server: rules compiled from the
 * configuration ({@link io.mdbldap.server.access.acl.RuleCompiler}), a policy deciding the
 * {@link io.mdbldap.server.access.acl.AccessLevel} a requester has to an attribute of an entry
 * ({@link io.mdbldap.server.access.acl.AccessPolicy}), and a three-valued filter matcher that
 * makes terms over unsearchable attributes Undefined
 * ({@link io.mdbldap.server.access.acl.EntryMatcher}).
 */
package io.mdbldap.server.access.acl;
