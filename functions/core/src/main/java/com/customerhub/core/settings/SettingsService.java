package com.customerhub.core.settings;

import com.customerhub.core.error.ApiException;
import com.customerhub.core.identity.Identity;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants' settings for every function, cached per container for {@link #FRESH} (a change made
 * through another container is seen within that time, well under a minute); defaults when a tenant
 * never saved any.
 */
@Singleton
public class SettingsService {
    public static final Duration FRESH = Duration.ofSeconds(30);
    static final int MAX_CACHED_TENANTS = 10_000;

    private record Cached(TenantSettings settings, Instant loadedAt) {
    }

    private final SettingsStore store;
    private final SettingsValidator validator;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SettingsService(SettingsStore store, SettingsValidator validator, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.clock = clock;
    }

    /** The tenant's settings, from the cache when loaded less than {@link #FRESH} ago. */
    public TenantSettings current(String tenant) {
        return cached(tenant).orElseGet(() -> remember(tenant, store.load(tenant).orElseGet(TenantSettings::defaults)));
    }

    /** The cached settings if still fresh (no DynamoDB call). */
    public Optional<TenantSettings> cached(String tenant) {
        Cached entry = cache.get(tenant);
        if (entry == null || !clock.instant().isBefore(entry.loadedAt().plus(FRESH))) {
            return Optional.empty();
        }
        return Optional.of(entry.settings());
    }

    /** Keeps settings read elsewhere (e.g. batched with the 360 view's reads); null = the defaults. */
    public TenantSettings remember(String tenant, TenantSettings settings) {
        TenantSettings value = settings == null ? TenantSettings.defaults() : settings;
        if (cache.size() >= MAX_CACHED_TENANTS) {
            cache.clear();
        }
        cache.put(tenant, new Cached(value, clock.instant()));
        return value;
    }

    /** {@code PUT /settings}: a whole new document, optimistic locking on {@code version}. */
    public TenantSettings replace(Identity who, long expectedVersion, ObjectNode body) {
        TenantSettings draft = validator.validate(body);
        TenantSettings stored = store.load(who.tenantId()).orElseGet(TenantSettings::defaults);
        if (stored.version() != expectedVersion) {
            throw ApiException.stale(stored.version());
        }
        TenantSettings next = new TenantSettings(draft.enabledChannels(), draft.importSafetyShare(), draft.lifecycle(),
                draft.enrichmentOverwritableFields(), draft.retention(), draft.defaultQuickActions(), expectedVersion + 1,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), who.userId());
        try {
            store.save(who.tenantId(), next, expectedVersion);
        } catch (ConditionalCheckFailedException e) {
            throw ApiException.stale(store.load(who.tenantId()).map(TenantSettings::version).orElse(0L));
        }
        return remember(who.tenantId(), next);
    }

    /** {@code GET /settings}: read through, so an admin sees what was saved, then cached. */
    public TenantSettings read(Identity who) {
        return remember(who.tenantId(), store.load(who.tenantId()).orElseGet(TenantSettings::defaults));
    }
}
