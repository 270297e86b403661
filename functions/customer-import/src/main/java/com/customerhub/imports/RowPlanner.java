package com.customerhub.imports;

import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerDraft;
import com.customerhub.core.customer.CustomerValidator;
import com.customerhub.core.customer.UniqueKey;
import com.customerhub.core.error.ApiException;
import com.customerhub.core.error.FieldError;
import com.customerhub.core.privacy.Suppressions;
import com.customerhub.core.validation.EmailAddresses;
import com.customerhub.core.validation.PhoneNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Decides what each row would do. First without I/O ({@link #check}): validation with the customer
 * validator and in-file duplicates of mobile, email and external id (the second row is rejected
 * naming the first). Then for a chunk ({@link #plan}): the match (external id, else mobile) read
 * with batched lookups, conflicts with other customers, and insert / update / unchanged by
 * comparing the validated result with what is stored.
 */
@Singleton
public class RowPlanner {
    public enum Action { INSERT, UPDATE, UNCHANGED, REJECT }

    /** A row after the checks that need no I/O. */
    public record CheckedRow(SheetRow row, ObjectNode create, RowMapper mapper, CustomerDraft draft, List<RowError> errors) {
        boolean valid() {
            return errors.isEmpty();
        }

        /** The merge patch of the row, built only for rows that match a stored customer. */
        ObjectNode patch() {
            return mapper.forPatch(row);
        }
    }

    /**
     * A row with its decision; {@code current} is the matched customer for updates. {@code guarded}:
     * an insert whose uniqueness guards an earlier run of the same chunk already took for the id
     * this apply gives the row (it was killed before its checkpoint), so only its items are left to write.
     */
    public record PlannedRow(CheckedRow checked, Action action, Customer current, List<RowError> errors, boolean guarded) {
        public PlannedRow(CheckedRow checked, Action action, Customer current, List<RowError> errors) {
            this(checked, action, current, errors, false);
        }
    }

    /** No row has an id of its own yet (the preview, and rows re-planned after a conflict). */
    public static final LongFunction<String> NO_IDS = row -> null;

    /** Keys seen so far in the file (also what a replace keeps), and what the run read once about the tenant. */
    public static final class FileKeys {
        final KeyIndex mobiles = new KeyIndex();
        final KeyIndex emails = new KeyIndex();
        final KeyIndex externalIds = new KeyIndex();
        final KeyIndex matched = new KeyIndex();
        private Boolean tenantSuppresses;

        /**
         * Whether the tenant has suppressed anyone, read at the first chunk with inserts and kept for
         * the run: a serial read per chunk halved the preview's speed. A person erased later in the run
         * is still caught: an apply reads the list afresh once its rows hold their guards (BulkInserter).
         */
        boolean tenantSuppresses(String tenant, Suppressions suppressions) {
            if (tenantSuppresses == null) {
                tenantSuppresses = suppressions.any(tenant);
            }
            return tenantSuppresses;
        }

        /** Whether a stored customer is one of the file's (so a replace keeps it). */
        public boolean keeps(Customer customer) {
            String ext = customer.fields().externalId();
            return (customer.fields().mobile() != null && mobiles.contains(customer.fields().mobile()))
                    || (ext != null && externalIds.contains(ext.toLowerCase(Locale.ROOT)));
        }
    }

    private final CustomerValidator validator;
    private final PhoneNumbers phones;
    private final CustomerLookup lookup;
    private final ObjectMapper json;
    private final Suppressions suppressions;

    public RowPlanner(CustomerValidator validator, PhoneNumbers phones, CustomerLookup lookup, ObjectMapper json,
                      Suppressions suppressions) {
        this.suppressions = suppressions;
        this.validator = validator;
        this.phones = phones;
        this.lookup = lookup;
        this.json = json;
    }

    public CheckedRow check(RowMapper mapper, SheetRow row, FileKeys keys) {
        return dedupe(validate(mapper, row), keys);
    }

    /** Validation alone: no shared state, so rows of a chunk can be validated in parallel. */
    public CheckedRow validate(RowMapper mapper, SheetRow row) {
        ObjectNode create = mapper.forCreate(row);
        try {
            return new CheckedRow(row, create, mapper, validator.validate(create), List.of());
        } catch (ApiException invalid) {
            return new CheckedRow(row, create, mapper, null, rowErrors(row.number(), invalid));
        }
    }

    /** In-file duplicates, in row order: the second row with a mobile, email or external id is rejected. */
    public CheckedRow dedupe(CheckedRow checked, FileKeys keys) {
        SheetRow row = checked.row();
        CustomerDraft draft = checked.draft();
        List<RowError> errors = new ArrayList<>(checked.errors());
        // keys of rejected rows count too: a replace must not delete the customer a bad row names
        String mobile = draft != null ? draft.mobile() : phones.toE164(nullToEmpty(row.value(ImportColumn.MOBILE))).orElse(null);
        String email = draft != null ? draft.email() : row.value(ImportColumn.EMAIL) == null ? null
                : EmailAddresses.normalize(row.value(ImportColumn.EMAIL)).orElse(null);
        String externalId = draft != null ? draft.externalId() : row.value(ImportColumn.EXTERNAL_ID);
        duplicate(keys.mobiles, mobile, "mobile", row.number(), errors);
        duplicate(keys.emails, email == null ? null : email.toLowerCase(Locale.ROOT), "email", row.number(), errors);
        duplicate(keys.externalIds, externalId == null ? null : externalId.toLowerCase(Locale.ROOT), "externalId", row.number(), errors);
        if (errors.size() == checked.errors().size()) {
            return checked;
        }
        return new CheckedRow(row, checked.create(), checked.mapper(), null, List.copyOf(errors));
    }

    private static void duplicate(KeyIndex index, String value, String field, long row, List<RowError> errors) {
        if (value == null) {
            return;
        }
        long first = index.putIfAbsent(value, row);
        if (first >= 0 && first != row) {
            errors.add(new RowError(row, field, "same " + field + " as row " + first));
        }
    }

    /** Plans a chunk; {@code tenantEmpty} skips the lookups when the tenant has no customer yet. */
    public List<PlannedRow> plan(String tenant, List<CheckedRow> chunk, FileKeys keys, boolean tenantEmpty) {
        return plan(tenant, chunk, keys, tenantEmpty, NO_IDS);
    }

    /**
     * Plans a chunk of an apply: {@code ownIds} gives the id the apply writes a row's insert under,
     * so guards that an interrupted earlier run took for that id do not count as another customer's.
     */
    public List<PlannedRow> plan(String tenant, List<CheckedRow> chunk, FileKeys keys, boolean tenantEmpty, LongFunction<String> ownIds) {
        return decide(tenant, chunk, keys, lookup(tenant, chunk, tenantEmpty, ownIds, null));
    }

    /**
     * What a chunk's plan reads from the table: the owners of its rows' guards (keyed by
     * {@link CustomerLookup#guardKey}), the profiles of the customers they match, and the ids the
     * apply gives its inserts.
     */
    public record Lookups(Map<String, String> owners, Map<String, Customer> profiles, LongFunction<String> ownIds) {
    }

    /**
     * The reads of {@link #plan}, apart so an apply can make them for the next chunk while the
     * current one writes; {@code executor} runs the batched reads (null: the import's writer pool).
     */
    public Lookups lookup(String tenant, List<CheckedRow> chunk, boolean tenantEmpty, LongFunction<String> ownIds,
                          java.util.concurrent.Executor executor) {
        List<CustomerLookup.GuardRef> guards = new ArrayList<>();
        if (!tenantEmpty) {
            for (CheckedRow row : chunk) {
                if (row.valid()) {
                    for (UniqueKey unique : UniqueKey.values()) {
                        String value = unique.valueOf(row.draft());
                        if (value != null) {
                            guards.add(new CustomerLookup.GuardRef(unique, value));
                        }
                    }
                }
            }
        }
        Map<String, String> owners = guards.isEmpty() ? Map.of() : lookup.owners(tenant, guards, executor);
        List<String> matchedIds = new ArrayList<>();
        for (CheckedRow row : chunk) {
            String match = matchOf(tenant, row, owners, ownIds);
            if (match != null) {
                matchedIds.add(match);
            }
        }
        Map<String, Customer> profiles = matchedIds.isEmpty() ? Map.of() : lookup.profiles(tenant, matchedIds, executor);
        return new Lookups(owners, profiles, ownIds);
    }

    /** The stored customer a valid row matches (external id, else mobile), not counting the row's own insert of an interrupted run. */
    private static String matchOf(String tenant, CheckedRow row, Map<String, String> owners, LongFunction<String> ownIds) {
        if (!row.valid() || owners.isEmpty()) {
            return null;
        }
        String byExternal = row.draft().externalId() == null ? null
                : owners.get(CustomerLookup.guardKey(tenant, UniqueKey.EXTERNAL_ID, row.draft().externalId()));
        String match = byExternal != null ? byExternal : owners.get(CustomerLookup.guardKey(tenant, UniqueKey.MOBILE, row.draft().mobile()));
        return match != null && match.equals(ownIds.apply(row.row().number())) ? null : match;
    }

    /** Decides each row of a chunk from its lookups, in row order (rows matching a customer an earlier row matched are rejected). */
    public List<PlannedRow> decide(String tenant, List<CheckedRow> chunk, FileKeys keys, Lookups lookups) {
        Map<String, String> owners = lookups.owners();
        List<PlannedRow> planned = new ArrayList<>(chunk.size());
        for (CheckedRow row : chunk) {
            if (!row.valid()) {
                planned.add(new PlannedRow(row, Action.REJECT, null, row.errors()));
                continue;
            }
            String match = matchOf(tenant, row, owners, lookups.ownIds());
            String own = owners.isEmpty() ? null : lookups.ownIds().apply(row.row().number());
            Customer current = match == null ? null : lookups.profiles().get(match);
            String currentId = current == null ? null : current.id();
            List<RowError> errors = new ArrayList<>();
            boolean guarded = false;
            for (UniqueKey unique : UniqueKey.values()) {
                String value = unique.valueOf(row.draft());
                String owner = value == null ? null : owners.get(CustomerLookup.guardKey(tenant, unique, value));
                if (owner != null && owner.equals(own)) {
                    guarded = true;
                } else if (owner != null && !owner.equals(currentId) && unique != UniqueKey.EXTERNAL_ID) {
                    errors.add(new RowError(row.row().number(), unique.field(), "already used by customer " + owner));
                }
            }
            if (current != null && errors.isEmpty()) {
                long first = keys.matched.putIfAbsent(current.id(), row.row().number());
                if (first >= 0 && first != row.row().number()) {
                    errors.add(new RowError(row.row().number(), "mobile", "matches the same customer as row " + first));
                }
            }
            if (!errors.isEmpty()) {
                planned.add(new PlannedRow(row, Action.REJECT, current, errors));
            } else if (current == null) {
                planned.add(new PlannedRow(row, Action.INSERT, null, List.of(), guarded));
            } else {
                planned.add(compare(row, current));
            }
        }
        return rejectSuppressed(tenant, planned, keys);
    }

    /**
     * New customers whose mobile or email is on the suppression list of erased people (GDPR Art. 17)
     * are rejected with that reason: nothing more to read when the tenant has suppressed no one, else
     * one batched lookup of the inserts' hashes.
     */
    private List<PlannedRow> rejectSuppressed(String tenant, List<PlannedRow> planned, FileKeys keys) {
        if (planned.stream().noneMatch(p -> p.action() == Action.INSERT) || !keys.tenantSuppresses(tenant, suppressions)) {
            return planned;
        }
        List<String> hashes = new ArrayList<>();
        for (PlannedRow row : planned) {
            if (row.action() == Action.INSERT) {
                hashes.addAll(suppressions.keys(tenant, row.checked().draft().mobile(), row.checked().draft().email()).values());
            }
        }
        java.util.Set<String> suppressed = lookup.existing(hashes, Suppressions.SK);
        List<PlannedRow> checked = new ArrayList<>(planned.size());
        for (PlannedRow row : planned) {
            if (row.action() != Action.INSERT) {
                checked.add(row);
                continue;
            }
            List<RowError> errors = new ArrayList<>();
            suppressions.keys(tenant, row.checked().draft().mobile(), row.checked().draft().email()).forEach((kind, key) -> {
                if (suppressed.contains(key)) {
                    errors.add(new RowError(row.checked().row().number(), kind == Suppressions.Kind.MOBILE ? "mobile" : "email",
                            "is on the suppression list of erased people (GDPR Art. 17): not created again"));
                }
            });
            checked.add(errors.isEmpty() ? row : new PlannedRow(row.checked(), Action.REJECT, null, errors));
        }
        return checked;
    }

    /** The stored fields with the row merged over them, validated, compared with what is stored. */
    private PlannedRow compare(CheckedRow row, Customer current) {
        ObjectNode merged = json.valueToTree(current.fields());
        for (Iterator<Map.Entry<String, JsonNode>> fields = row.patch().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNull()) {
                merged.remove(field.getKey());
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        }
        try {
            CustomerDraft after = validator.validate(merged);
            return new PlannedRow(row, after.equals(current.fields()) ? Action.UNCHANGED : Action.UPDATE, current, List.of());
        } catch (ApiException invalid) {
            return new PlannedRow(row, Action.REJECT, current, rowErrors(row.row().number(), invalid));
        }
    }

    static List<RowError> rowErrors(long row, ApiException e) {
        List<RowError> errors = new ArrayList<>();
        for (FieldError error : e.errors()) {
            errors.add(new RowError(row, error.field(), error.message()));
        }
        if (errors.isEmpty()) {
            errors.add(new RowError(row, "", e.detail()));
        }
        return errors;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
