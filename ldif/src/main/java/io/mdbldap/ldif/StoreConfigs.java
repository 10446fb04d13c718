package io.mdbldap.ldif;

import io.mdbldap.conf.DatabaseConfig;
import io.mdbldap.store.IndexConfig;
import io.mdbldap.store.IndexKind;
import io.mdbldap.store.StoreConfig;

/**
 * How a slapd.conf {@code database mdb} section maps onto the store's settings: directory, suffix,
 * {@code maxsize}, {@code maxreaders}, {@code dbnosync} (not durable) and the {@code index} lines.
 * The one place that mapping lives, for the tools and the server alike.
 */
public final class StoreConfigs {
  private StoreConfigs() {}

  /** The store settings of {@code database}. */
  public static StoreConfig of(DatabaseConfig database) {
    return builder(database).build();
  }

  /** A builder preset with {@code database}'s settings, for a tool to adjust (durable(false) for -q). */
  public static StoreConfig.Builder builder(DatabaseConfig database) {
    return StoreConfig.builder(database.directory(), database.suffix().getName())
        .maxSize(database.maxSize())
        .maxReaders(database.maxReaders())
        .durable(!database.noSync())
        .indices(indices(database));
  }

  private static IndexConfig indices(DatabaseConfig database) {
    IndexConfig.Builder indices = IndexConfig.builder();
    database.indexes().forEach((attribute, kinds) ->
        kinds.forEach(kind -> indices.add(attribute, IndexKind.parse(kind))));
    return indices.build();
  }
}
