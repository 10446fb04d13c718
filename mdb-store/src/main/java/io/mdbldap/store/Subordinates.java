package io.mdbldap.store;

/**
 * An entry's subordinate counts, both kept in dn2id and read in O(1).
 *
 * @param children the number of immediate children
 * @param subtree the number of entries in the subtree, the entry itself included
 */
public record Subordinates(long children, long subtree) {}
