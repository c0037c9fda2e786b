package dev.nestor.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code nestor} command: subcommands follow Kea's binaries. */
@Command(name = "nestor", mixinStandardHelpOptions = true, versionProvider = NestorVersion.class,
        description = "A DHCP server compatible with ISC Kea, with Kea's High Availability built in.",
        subcommands = {CommandLine.HelpCommand.class})
public final class NestorMain implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new NestorMain()).execute(args));
    }
}
