package com.customerhub.local;

import java.nio.file.Path;

/**
 * Where the local stack listens and keeps its data. The defaults are the ports of API.md; tests
 * pass 0 for free ports and a temporary folder. {@code persistent} keeps DynamoDB and S3 data on
 * disk under the data folder (the command line); without it they live in memory (tests: faster).
 */
public record LocalStackConfig(int apiPort, int s3Port, int dynamoPort, Path dataDir, boolean fresh, boolean persistent) {

    /** For tests: DynamoDB and S3 in memory; keys, tokens and events still under {@code dataDir}. */
    public LocalStackConfig(int apiPort, int s3Port, int dynamoPort, Path dataDir, boolean fresh) {
        this(apiPort, s3Port, dynamoPort, dataDir, fresh, false);
    }

    public static final int API_PORT = 3000;
    public static final int S3_PORT = 4566;
    public static final int DYNAMO_PORT = 8000;
    public static final String BUCKET = "customer-hub-local";
    public static final String BUS = "customer-hub-local-bus";

    public static LocalStackConfig fromArgs(String[] args, Path repositoryRoot) {
        boolean fresh = false;
        for (String arg : args) {
            if (arg.equals("--fresh")) {
                fresh = true;
            } else {
                throw new IllegalArgumentException("unknown option " + arg + " (known: --fresh)");
            }
        }
        return new LocalStackConfig(API_PORT, S3_PORT, DYNAMO_PORT, repositoryRoot.resolve(".local"), fresh, true);
    }
}
