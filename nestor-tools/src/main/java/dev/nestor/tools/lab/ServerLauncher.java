package dev.nestor.tools.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs one Nestor DHCPv4 server for the lab. */
@FunctionalInterface
public interface ServerLauncher {
    /** The class the default launcher runs (nestor-app's; named, not linked, since tools must not depend on app). */
    String MAIN_CLASS = "dev.nestor.app.NestorMain";

    /**
     * The command for {@code nestor dhcp4 -c config -p serverPort -P clientPort}.
     *
     * @param clientPort the port every reply goes to (the lab's relay listens there)
     */
    List<String> command(Path config, int serverPort, int clientPort);

    /**
     * This JVM's java and class path running {@link #MAIN_CLASS} under {@link ParentWatch} (so the server exits if
     * this JVM dies): from the shaded jar, the jar itself; from a test class path, the modules on it. Small heap and
     * quick start-up, since the pair shares the machine with the lab.
     */
    static ServerLauncher sameJava() {
        String java = ProcessHandle.current().info().command()
                .filter(command -> Files.isExecutable(Path.of(command)))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path");
        return (config, serverPort, clientPort) -> {
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED", "-cp", classPath,
                    ParentWatch.class.getName(), Long.toString(ProcessHandle.current().pid()), MAIN_CLASS,
                    "dhcp4", "-c", config.toString(), "-p", Integer.toString(serverPort),
                    "-P", Integer.toString(clientPort)));
            return command;
        };
    }
}
