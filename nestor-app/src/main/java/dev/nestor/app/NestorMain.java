package dev.nestor.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code nestor} command: subcommands follow Kea's binaries. */
@Command(name = "nestor", mixinStandardHelpOptions = true, versionProvider = NestorVersion.class,
        description = "A DHCP server compatible with ISC Kea, with Kea's High Availability built in.",
        subcommands = {Dhcp4Command.class, Dhcp6Command.class, PerfCommand.class, LabCommand.class,
                CommandLine.HelpCommand.class})
public final class NestorMain implements Runnable {

    @CommandLine.Option(names = "-v", description = "print the version and exit")
    boolean version;

    @Override
    public void run() {
        if (version) {
            System.out.println(NestorVersion.version());
            return;
        }
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new NestorMain());
        // perf takes perfdhcp's own flags (-4, -r, -R, ...): pass everything after "perf" through untouched
        cli.getSubcommands().get("perf").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
        return cli;
    }
}
