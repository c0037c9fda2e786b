package dev.nestor.tools.lab;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The main class of the lab's server processes: {@code ParentWatch PID MAINCLASS ARGS...} runs
 * {@code MAINCLASS.main(ARGS)} in this JVM and exits it (shutdown hooks run, so the server stops cleanly) as soon
 * as process {@code PID}, the lab, is gone. The lab stops its servers itself when it ends or on Ctrl-C; this covers
 * the one case its shutdown hook cannot: the lab killed by SIGKILL.
 */
public final class ParentWatch {
    /** Exit code of a server whose lab disappeared. */
    static final int EXIT_PARENT_GONE = 3;

    private ParentWatch() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 2) {
            System.err.println("usage: ParentWatch PID MAINCLASS [ARGS...]");
            System.exit(2);
        }
        long parent = Long.parseLong(args[0]);
        ProcessHandle.of(parent).ifPresentOrElse(
                handle -> handle.onExit().thenRun(() -> {
                    System.err.println("nestor lab: the lab (pid " + parent + ") is gone, stopping");
                    System.exit(EXIT_PARENT_GONE);
                }),
                () -> System.exit(EXIT_PARENT_GONE));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
        } catch (InvocationTargetException failed) {
            throw failed.getCause();
        }
    }
}
