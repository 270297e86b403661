package com.customerhub.alerts;

import com.customerhub.core.alert.Alert;
import com.customerhub.core.alert.AlertStatus;
import com.customerhub.core.customer.Customer;
import com.customerhub.core.customer.CustomerKeys;
import com.customerhub.core.customer.CustomerRepository;
import com.customerhub.core.data.DynamoErrors;
import com.customerhub.core.data.TableNames;
import com.customerhub.core.events.DomainEvent;
import com.customerhub.core.events.EventPublisher;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One evaluation run over every tenant:
 * <ol>
 *   <li>reads all rules once (a Scan of the small rules table); resolves the open alerts of disabled
 *   and deleted rules through the status index, then forgets deleted rules;</li>
 *   <li>reads which alerts are open per tenant from the status index;</li>
 *   <li>reads every customer profile once with a parallel Scan of the Customers table and evaluates
 *   all of its tenant's enabled rules on it in memory (only the attributes the rules read, see
 *   {@link ProfileProjection}), raising an alert where a rule matches and
 *   none is open, resolving the open one where it no longer matches (or the customer is restricted).</li>
 * </ol>
 * Resolving is a conditional update. Raising is a blind batched put (BatchWriteItem) by the one run
 * holding the {@link RaiseLease}, taken at the run's first raise, for pairs with no open alert when
 * it was taken; a run that finds the lease held leaves raising to the holder. So concurrent runs
 * never duplicate an alert or an event, and a run over unchanged data writes nothing. A page's
 * writes run while the next page is read. Before the deadline each segment stops after its current
 * page (and its writes); the positions are saved and the next invocation continues from them.
 */
@Singleton
public class AlertEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);
    /** Conditional writes in flight at once per run: a first run over a big tenant raises many alerts. */
    static final int WRITE_CONCURRENCY = 16;
    /** Alerts raised per task of the writer pool (BatchWriteItem takes 25 a request). */
    static final int RAISE_BATCH = 100;

    private final DynamoDbClient dynamo;
    private final String customersTable;
    private final AlertRuleRepository rules;
    private final AlertRepository alerts;
    private final CustomerRepository customers;
    private final RuleValidator compiler;
    private final EvaluatorCheckpoints checkpoints;
    private final RaiseLease lease;
    private final EventPublisher events;
    private final Clock clock;
    private final int segments;
    private final int pageLimit;

    public AlertEvaluator(DynamoDbClient dynamo, TableNames tables, AlertRuleRepository rules, AlertRepository alerts,
                          CustomerRepository customers, RuleValidator compiler, EvaluatorCheckpoints checkpoints,
                          RaiseLease lease, EventPublisher events, Clock clock,
                          @Value("${evaluator.scan.segments}") int segments,
                          @Value("${evaluator.scan.limit}") int pageLimit) {
        this.dynamo = dynamo;
        this.customersTable = tables.customers();
        this.rules = rules;
        this.alerts = alerts;
        this.customers = customers;
        this.compiler = compiler;
        this.checkpoints = checkpoints;
        this.lease = lease;
        this.events = events;
        this.clock = clock;
        this.segments = Math.max(1, segments);
        this.pageLimit = Math.max(1, pageLimit);
    }

    /** What one run shares between its segment workers. */
    private final class Run {
        final Map<String, List<CompiledRule>> enabled = new HashMap<>();
        /** What the scan reads of each profile, set once the rules are loaded. */
        ProfileProjection projection;
        final Map<String, Map<String, Set<String>>> open = new HashMap<>();
        final AtomicLong scanned = new AtomicLong();
        final AtomicLong evaluated = new AtomicLong();
        final AtomicLong raised = new AtomicLong();
        final AtomicLong resolved = new AtomicLong();
        final AtomicLong writes = new AtomicLong();
        final String id = UUID.randomUUID().toString();
        final long leaseUntil;
        ExecutorService writers;
        /** Whether this run holds the raise lease (null: not asked yet), and the open alerts read once it was taken. */
        Boolean leased;
        final Map<String, Map<String, Set<String>>> openAtLease = new HashMap<>();

        Run(Deadline deadline) {
            long left = deadline.remainingMillis().getAsLong();
            // a lease outlives the invocation by a minute; without a time limit (tests, local runs), an hour
            leaseUntil = clock.millis() + (left == Long.MAX_VALUE ? 3_600_000L : left + 60_000L);
        }
    }

    /**
     * The raise lease, taken at the first raise of the run. Taking it re-reads the open alerts: a run
     * that held it and finished since this one started may have raised some of what this one would.
     */
    private synchronized boolean raiseLease(Run run) {
        if (run.leased == null) {
            run.leased = lease.acquire(run.id, clock.millis(), run.leaseUntil);
            if (run.leased) {
                run.writes.incrementAndGet();
                run.enabled.keySet().forEach(tenant -> run.openAtLease.put(tenant, alerts.open(tenant, null)));
            } else {
                LOG.info("another evaluator run holds the raise lease: this run leaves raising to it and only resolves");
            }
        }
        return run.leased;
    }

    public RunSummary run(Deadline deadline) {
        long started = System.nanoTime();
        Run run = new Run(deadline);
        loadRules(run);
        long rulesLoaded = System.nanoTime();

        EvaluatorCheckpoints.Checkpoint checkpoint = checkpoints.load().orElse(null);
        boolean complete = true;
        if (!run.enabled.isEmpty()) {
            run.projection = ProfileProjection.of(run.enabled.values().stream().flatMap(List::stream).toList());
            EvaluatorCheckpoints.Checkpoint progress = scan(run, checkpoint, deadline);
            complete = progress == null;
            if (!complete) {
                checkpoints.save(progress);
                run.writes.incrementAndGet();
            }
        }
        if (complete && checkpoint != null) {
            checkpoints.clear();
            run.writes.incrementAndGet();
        }
        if (Boolean.TRUE.equals(run.leased)) {
            lease.release(run.id);
            run.writes.incrementAndGet();
        }
        RunSummary summary = new RunSummary(complete, run.scanned.get(), run.evaluated.get(), run.raised.get(),
                run.resolved.get(), run.writes.get(), (System.nanoTime() - started) / 1_000_000);
        LOG.info("alert evaluation complete={} scanned={} evaluated={} raised={} resolved={} writes={} durationMs={} rulesAndOpenAlertsMs={}",
                summary.complete(), summary.itemsScanned(), summary.customersEvaluated(), summary.raised(),
                summary.resolved(), summary.writes(), summary.durationMillis(), (rulesLoaded - started) / 1_000_000);
        return summary;
    }

    private void loadRules(Run run) {
        rules.allByTenant().forEach((tenant, tenantRules) -> {
            List<CompiledRule> enabled = new ArrayList<>();
            for (AlertRule rule : tenantRules) {
                if (rule.enabled() && !rule.isDeleted()) {
                    try {
                        enabled.add(compiler.compile(rule));
                    } catch (IllegalStateException e) {
                        LOG.warn("skipping rule tenant={} ruleId={}: {}", tenant, rule.id(), e.getMessage());
                    }
                    continue;
                }
                // disabled or deleted: nothing of it stays open
                alerts.open(tenant, rule.id()).keySet().forEach(customerId -> resolve(run, tenant, customerId, rule.id()));
                if (rule.isDeleted()) {
                    rules.purge(tenant, rule);
                    run.writes.incrementAndGet();
                }
            }
            if (!enabled.isEmpty()) {
                run.enabled.put(tenant, List.copyOf(enabled));
                run.open.put(tenant, alerts.open(tenant, null));
            }
        });
    }

    /** Scans from the checkpoint; null when every segment reached its end, else where they stopped. */
    private EvaluatorCheckpoints.Checkpoint scan(Run run, EvaluatorCheckpoints.Checkpoint from, Deadline deadline) {
        int total = from == null ? segments : from.segments();
        List<Map<String, AttributeValue>> positions = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            positions.add(from == null ? null : from.positions().get(i));
        }
        ExecutorService workers = Executors.newFixedThreadPool(total, r -> {
            Thread thread = new Thread(r, "alert-evaluator-scan");
            thread.setDaemon(true);
            return thread;
        });
        run.writers = Executors.newFixedThreadPool(WRITE_CONCURRENCY, r -> {
            Thread thread = new Thread(r, "alert-evaluator-write");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<SegmentResult>> results = new ArrayList<>();
            for (int segment = 0; segment < total; segment++) {
                int s = segment;
                Map<String, AttributeValue> start = positions.get(s);
                results.add(start != null && start.isEmpty() ? null
                        : workers.submit(() -> scanSegment(run, s, total, start, deadline)));
            }
            boolean finished = true;
            for (int segment = 0; segment < total; segment++) {
                if (results.get(segment) == null) {
                    continue;
                }
                SegmentResult result = results.get(segment).get();
                positions.set(segment, result.done() ? Map.of() : result.position());
                finished &= result.done();
            }
            return finished ? null : new EvaluatorCheckpoints.Checkpoint(total, positions,
                    from == null ? clock.instant() : from.startedAt());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
            run.writers.shutdownNow();
        }
    }

    /** A segment reached its end, or stopped with the key to continue after (null: not started). */
    private record SegmentResult(boolean done, Map<String, AttributeValue> position) {
    }

    private SegmentResult scanSegment(Run run, int segment, int total, Map<String, AttributeValue> start,
                                                    Deadline deadline) {
        Map<String, AttributeValue> position = start;
        // the previous page's writes run while this page is read; a position is returned (and saved)
        // only after the writes of every page before it are done, so a checkpoint never skips one
        List<Future<?>> writing = List.of();
        while (true) {
            if (deadline.passed()) {
                await(writing);
                return new SegmentResult(false, position);
            }
            ScanRequest.Builder request = ScanRequest.builder().tableName(customersTable)
                    .segment(segment).totalSegments(total).limit(pageLimit)
                    .filterExpression("sk = :profile")
                    .expressionAttributeValues(Map.of(":profile", AttributeValue.fromS(CustomerKeys.PROFILE)))
                    .projectionExpression(run.projection.expression())
                    .expressionAttributeNames(run.projection.names());
            if (position != null) {
                request.exclusiveStartKey(position);
            }
            ScanResponse page = DynamoErrors.call(() -> dynamo.scan(request.build()));
            run.scanned.addAndGet(page.scannedCount());
            Changes changes = new Changes();
            for (Map<String, AttributeValue> item : page.items()) {
                evaluate(run, item, changes);
            }
            await(writing);
            writing = submit(run, changes);
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                await(writing);
                return new SegmentResult(true, null);
            }
            position = page.lastEvaluatedKey();
        }
    }

    /** What a page asks to write: raises per tenant (RAISE_BATCH a writer task), resolves. */
    private static final class Changes {
        final Map<String, List<AlertRepository.Raise>> raises = new HashMap<>();
        final List<Runnable> resolves = new ArrayList<>();
    }

    private List<Future<?>> submit(Run run, Changes changes) {
        List<Future<?>> pending = new ArrayList<>();
        changes.raises.forEach((tenant, raises) -> {
            for (int from = 0; from < raises.size(); from += RAISE_BATCH) {
                List<AlertRepository.Raise> batch = raises.subList(from, Math.min(from + RAISE_BATCH, raises.size()));
                pending.add(run.writers.submit(() -> raiseAll(run, tenant, batch)));
            }
        });
        changes.resolves.forEach(resolve -> pending.add(run.writers.submit(resolve)));
        return pending;
    }

    private static void await(List<Future<?>> pending) {
        try {
            for (Future<?> future : pending) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing alerts", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private void evaluate(Run run, Map<String, AttributeValue> item, Changes changes) {
        String pk = item.get(CustomerKeys.PK).s();
        int separator = pk.lastIndexOf('#');
        String tenant = pk.substring(0, separator);
        List<CompiledRule> tenantRules = run.enabled.get(tenant);
        if (tenantRules == null) {
            return;
        }
        Customer customer = customers.toCustomer(item);
        run.evaluated.incrementAndGet();
        // restricted customers (GDPR Art. 18) match nothing, so their open alerts are resolved
        boolean restricted = Boolean.TRUE.equals(customer.fields().restricted());
        Set<String> open = run.open.get(tenant).getOrDefault(customer.id(), Set.of());
        for (CompiledRule compiled : tenantRules) {
            String ruleId = compiled.rule().id();
            boolean matches;
            try {
                matches = !restricted && compiled.condition().test(customer, clock);
            } catch (RuntimeException e) {
                LOG.warn("rule evaluation failed tenant={} ruleId={} customerId={}", tenant, ruleId, customer.id(), e);
                continue;
            }
            boolean isOpen = open.contains(ruleId);
            if (matches && !isOpen) {
                AlertRule rule = compiled.rule();
                Alert alert = new Alert(Alert.idOf(customer.id(), rule.id()), customer.id(), rule.id(), rule.name(), rule.severity(),
                        compiled.message().render(customer, clock), AlertStatus.ACTIVE, now(), null, null, null, rule.quickActions());
                changes.raises.computeIfAbsent(tenant, t -> new ArrayList<>())
                        .add(new AlertRepository.Raise(alert, customer.fields().contactClass()));
            } else if (!matches && isOpen) {
                changes.resolves.add(() -> resolve(run, tenant, customer.id(), ruleId));
            }
        }
    }

    /** Blind batched puts by the lease holder, of the alerts still not open when it took the lease. */
    private void raiseAll(Run run, String tenant, List<AlertRepository.Raise> raises) {
        if (!raiseLease(run)) {
            return;
        }
        Map<String, Set<String>> open = run.openAtLease.getOrDefault(tenant, Map.of());
        List<AlertRepository.Raise> fresh = raises.stream()
                .filter(r -> !open.getOrDefault(r.alert().customerId(), Set.of()).contains(r.alert().ruleId())).toList();
        if (fresh.isEmpty()) {
            return;
        }
        alerts.putAll(tenant, fresh);
        run.raised.addAndGet(fresh.size());
        run.writes.addAndGet(fresh.size());
        // one PutEvents call per 10 alerts in AWS, not one per alert
        events.publishAll(fresh.stream().map(AlertRepository.Raise::alert)
                .map(alert -> new DomainEvent("AlertRaised", tenant, Map.of("alertId", alert.id(), "ruleId", alert.ruleId(),
                        "customerId", alert.customerId(), "severity", alert.severity().name()), alert.raisedAt()))
                .toList());
    }

    private void resolve(Run run, String tenant, String customerId, String ruleId) {
        Instant now = now();
        if (alerts.resolve(tenant, customerId, ruleId, now)) {
            run.resolved.incrementAndGet();
            run.writes.incrementAndGet();
            events.publish(new DomainEvent("AlertResolved", tenant, Map.of("alertId", Alert.idOf(customerId, ruleId),
                    "ruleId", ruleId, "customerId", customerId), now));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
