package com.customerhub.local;

import java.nio.file.Path;

/**
 * Where the local stack listens and keeps its data. The defaults are the ports of API.md; tests
 * pass 0 for free ports and a temporary folder.
 */
public record LocalStackConfig(int apiPort, int s3Port, int dynamoPort, Path dataDir, boolean fresh) {
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
        return new LocalStackConfig(API_PORT, S3_PORT, DYNAMO_PORT, repositoryRoot.resolve(".local"), fresh);
    }
}
