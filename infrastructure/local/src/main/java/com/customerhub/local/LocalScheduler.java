package com.customerhub.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.customerhub.localaws.SamTemplate;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Does locally what EventBridge schedules do: invokes each function that has a {@code Schedule}
 * event in the template with a real {@link ScheduledEvent}, at the template's {@code rate(...)},
 * or every {@code LOCAL_SCHEDULE_SECONDS} seconds when that is set. Tests call {@link #runNow}
 * for one synchronous run instead of waiting.
 */
public final class LocalScheduler implements AutoCloseable {
    public static final String OVERRIDE_VARIABLE = "LOCAL_SCHEDULE_SECONDS";
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");

    /** One Schedule event of one function. */
    public record Job(FunctionRuntime function, String eventName, String expression, Duration period) {
        String ruleArn() {
            return "arn:aws:events:us-east-1:000000000000:rule/" + function.definition().logicalId() + eventName;
        }
    }

    private final List<Job> jobs;
    private final ScheduledExecutorService timer;

    private LocalScheduler(List<Job> jobs, ScheduledExecutorService timer) {
        this.jobs = jobs;
        this.timer = timer;
    }

    /** Reads the Schedule events of the functions and starts their timers. */
    public static LocalScheduler start(List<FunctionRuntime> functions, Duration override) {
        List<Job> jobs = new ArrayList<>();
        for (FunctionRuntime function : functions) {
            SamTemplate.map(function.definition().properties().get("Events")).forEach((name, event) -> {
                Map<String, Object> e = SamTemplate.map(event);
                if ("Schedule".equals(e.get("Type"))) {
                    Map<String, Object> properties = SamTemplate.map(e.get("Properties"));
                    if (Boolean.FALSE.equals(properties.get("Enabled"))) {
                        return;
                    }
                    String expression = String.valueOf(properties.get("Schedule"));
                    Duration period = override != null ? override : rate(expression);
                    jobs.add(new Job(function, name, expression, period));
                }
            });
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "local-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        LocalScheduler scheduler = new LocalScheduler(List.copyOf(jobs), timer);
        for (Job job : jobs) {
            if (job.period() != null) {
                long millis = job.period().toMillis();
                timer.scheduleWithFixedDelay(() -> scheduler.fire(job), millis, millis, TimeUnit.MILLISECONDS);
            }
        }
        return scheduler;
    }

    /** {@code LOCAL_SCHEDULE_SECONDS} (environment, or the system property of the same name), if set. */
    public static Duration configuredOverride() {
        String value = System.getenv(OVERRIDE_VARIABLE);
        if (value == null || value.isBlank()) {
            value = System.getProperty(OVERRIDE_VARIABLE);
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds < 1) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(OVERRIDE_VARIABLE + " must be a whole number of seconds, at least 1");
        }
    }

    /** The period of {@code rate(n unit)}; null for cron expressions, which run only on demand here. */
    static Duration rate(String expression) {
        Matcher matcher = RATE.matcher(expression.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            return null;
        }
        long n = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    static ScheduledEvent event(Job job) {
        return event(job.ruleArn());
    }

    /** The event EventBridge delivers for a scheduled rule. */
    static ScheduledEvent event(String ruleArn) {
        return new ScheduledEvent()
                .withVersion("0")
                .withId(UUID.randomUUID().toString())
                .withDetailType("Scheduled Event")
                .withSource("aws.events")
                .withAccount("000000000000")
                .withRegion("us-east-1")
                .withTime(new DateTime(DateTimeZone.UTC))
                .withResources(List.of(ruleArn))
                .withDetail(Map.of());
    }

    /** Runs every schedule of the function once, now, in the caller's thread; returns how many ran. */
    public int runNow(String logicalId) {
        int ran = 0;
        for (Job job : jobs) {
            if (job.function().definition().logicalId().equals(logicalId)) {
                job.function().invoke(event(job), null);
                ran++;
            }
        }
        if (ran == 0) {
            throw new IllegalArgumentException("the template gives " + logicalId + " no Schedule event");
        }
        return ran;
    }

    public List<Job> jobs() {
        return jobs;
    }

    private void fire(Job job) {
        try {
            job.function().invoke(event(job), null);
        } catch (RuntimeException e) {
            // as in Lambda, a failed scheduled invocation is logged and the schedule goes on
            System.err.println("scheduled run of " + job.function().definition().logicalId() + " failed: " + e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
