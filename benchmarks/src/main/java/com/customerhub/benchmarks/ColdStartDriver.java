package com.customerhub.benchmarks;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the Lambda runtime does in a fresh JVM: load the handler class by name, construct it,
 * read the event, invoke it once, and report the status. Run with the function's jar on the classpath.
 */
public final class ColdStartDriver {
    private ColdStartDriver() {
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        long jvmStarted = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        long constructing = System.currentTimeMillis();
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) Class.forName(args[0]).getConstructor().newInstance();
        APIGatewayV2HTTPEvent event = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(Files.readAllBytes(Path.of(args[1])), APIGatewayV2HTTPEvent.class);
        long invoking = System.currentTimeMillis();
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
        long answered = System.currentTimeMillis();
        System.out.println("STATUS " + response.getStatusCode());
        // the wall-clock time of the answer: the harness measures to it, not to the JVM's exit
        System.out.println("ANSWERED_AT " + answered);
        // where the time went: JVM start to main, handler construction (init), first invocation
        System.out.println("PHASES jvm=" + (constructing - jvmStarted) + "ms init=" + (invoking - constructing)
                + "ms firstCall=" + (answered - invoking) + "ms");
        // CPU spent up to the answer: all of the process (JIT and GC threads included), and the main thread
        long processCpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.println("CPU process=" + processCpu / 1_000_000 + "ms main="
                + java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000 + "ms");
        if (Boolean.getBoolean("cold.threads")) {
            printThreadCpu();
        }
        System.exit(0);
    }

    /** CPU per native thread (JIT, GC and VM threads included) from /proc, in clock ticks of 10 ms: where the start's CPU went. */
    private static void printThreadCpu() throws java.io.IOException {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat = Files.readString(task.resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                if (ticks > 0) {
                    System.out.println("THREAD " + Files.readString(task.resolve("comm")).strip() + " " + ticks * 10 + "ms");
                }
            }
        }
    }
}
