package com.customerhub.alerts;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Lambda context whose remaining time runs out after a number of checks, to see the evaluator
 * stop before the limit and continue from its checkpoint (a real Lambda counts down in time).
 */
final class TestLambdaContext implements Context {
    private final AtomicInteger checksLeft;

    TestLambdaContext(int checksBeforeTimeout) {
        this.checksLeft = new AtomicInteger(checksBeforeTimeout);
    }

    static TestLambdaContext plentyOfTime() {
        return new TestLambdaContext(Integer.MAX_VALUE);
    }

    @Override
    public int getRemainingTimeInMillis() {
        return checksLeft.getAndDecrement() > 0 ? 900_000 : 1_000;
    }

    @Override public String getAwsRequestId() { return "test-request"; }
    @Override public String getLogGroupName() { return "/aws/lambda/AlertEvaluatorFunction"; }
    @Override public String getLogStreamName() { return "test"; }
    @Override public String getFunctionName() { return "AlertEvaluatorFunction"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:123456789012:function:AlertEvaluatorFunction"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { }
            @Override public void log(byte[] message) { }
        };
    }
}
