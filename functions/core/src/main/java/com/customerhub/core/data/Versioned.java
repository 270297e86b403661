package com.customerhub.core.data;

/** A stored entity with a version that every write increments: what optimistic locking compares. */
public interface Versioned {
    long version();
}
