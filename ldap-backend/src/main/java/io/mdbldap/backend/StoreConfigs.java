package io.mdbldap.backend;

import io.mdbldap.store.IndexConfig;
import io.mdbldap.store.StoreConfig;

/** Copies of a {@link StoreConfig} with another suffix or more indices (it is immutable). */
final class StoreConfigs {
  private StoreConfigs() {}

  /** {@code config} for {@code suffix}, with {@code extra} indices added to its own. */
  static StoreConfig with(StoreConfig config, String suffix, IndexConfig extra) {
    return StoreConfig.builder(config.directory(), suffix)
        .maxSize(config.maxSize())
        .initialMapSize(config.initialMapSize())
        .maxReaders(config.maxReaders())
        .durable(config.durable())
        .indices(merge(config.indices(), extra))
        .build();
  }

  private static IndexConfig merge(IndexConfig a, IndexConfig b) {
    IndexConfig.Builder merged = IndexConfig.builder();
    a.kinds().forEach(merged::add);
    b.kinds().forEach(merged::add);
    return merged.build();
  }
}
