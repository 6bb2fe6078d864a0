package dev.driftline.remediation.wiring;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The dry run's guard on every AWS client: reads ({@code Describe*}, {@code List*}, {@code Get*}, {@code Head*}) go
 * through, so the adapters still describe before they create; any other call is printed with its full request and
 * stopped before it is signed or sent ({@link DryRunStop}).
 */
public final class DryRunInterceptor implements ExecutionInterceptor {
    private final PrintStream out;
    private final AtomicInteger stopped = new AtomicInteger();

    public DryRunInterceptor(PrintStream out) {
        this.out = out;
    }

    /** A call the dry run printed instead of making. */
    public static final class DryRunStop extends RuntimeException {
        public DryRunStop(String call) {
            super("dry run: not sent: " + call);
        }
    }

    static boolean readOnly(String operation) {
        String op = operation.toLowerCase(Locale.ROOT);
        return op.startsWith("describe") || op.startsWith("list") || op.startsWith("get") || op.startsWith("head");
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (op == null || readOnly(op)) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String call = service + "." + op + " " + context.request();
        stopped.incrementAndGet();
        out.println("  would call " + call);
        throw new DryRunStop(call);
    }

    /** Calls printed instead of made. */
    public int stopped() {
        return stopped.get();
    }
}
