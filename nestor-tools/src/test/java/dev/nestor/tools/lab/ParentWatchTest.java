package dev.nestor.tools.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A lab server process outlives neither its lab: when the watched process dies, the server's JVM exits. */
class ParentWatchTest {

    /** Stands in for NestorMain: says it runs, then blocks for ten minutes. */
    public static final class Sleeper {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("running " + String.join(" ", args));
            System.out.flush();
            Thread.sleep(600_000);
        }
    }

    @Test
    void theServerExitsWhenItsLabIsKilled() throws Exception {
        Process lab = new ProcessBuilder("sleep", "600").start();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ParentWatch.class.getName(), Long.toString(lab.pid()), Sleeper.class.getName(), "dhcp4", "-c", "x")
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(output.readLine()).isEqualTo("running dhcp4 -c x");
            assertThat(server.isAlive()).isTrue();

            lab.destroyForcibly();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("server exited after its lab").isTrue();
            assertThat(server.exitValue()).isEqualTo(ParentWatch.EXIT_PARENT_GONE);
        } finally {
            lab.destroyForcibly();
            server.destroyForcibly();
        }
    }
}
