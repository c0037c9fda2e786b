package dev.nestor.control;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table of control commands, shared by every transport. Core commands and hook-like
 * modules (lease commands, HA) register here; {@code list-commands} lists what is registered now.
 *
 * <p>Commands run concurrently, except those registered as exclusive (configuration changes,
 * shutdown): such a command waits for running commands to finish and runs alone, as Kea runs
 * configuration commands with the packet workers paused. A handler exception never escapes:
 * it becomes result 1 {@code Error during command processing: <message>}.
 */
public final class CommandRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRegistry.class);

    private record Entry(CommandHandler handler, boolean exclusive) {
    }

    private final Map<String, Entry> commands = new ConcurrentHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    /** Registers a command that may run alongside others. */
    public void register(String name, CommandHandler handler) {
        register(name, handler, false);
    }

    /**
     * Registers a command.
     *
     * @throws IllegalStateException if the name is taken
     */
    public void register(String name, CommandHandler handler, boolean exclusive) {
        Objects.requireNonNull(handler, "handler");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("command name must not be empty");
        }
        if (commands.putIfAbsent(name, new Entry(handler, exclusive)) != null) {
            throw new IllegalStateException("command already registered: " + name);
        }
    }

    /** Removes a command; false if it was not registered. */
    public boolean unregister(String name) {
        return commands.remove(name) != null;
    }

    /** Whether a command of that name is registered. */
    public boolean contains(String name) {
        return commands.containsKey(name);
    }

    /** Registered command names, sorted. */
    public List<String> names() {
        return commands.keySet().stream().sorted().toList();
    }

    /** Runs a command and returns its answer; unknown commands get result 2. */
    public ControlAnswer execute(ControlCommand command) {
        Entry entry = commands.get(command.name());
        if (entry == null) {
            return ControlAnswer.unsupported(command.name());
        }
        var held = entry.exclusive() ? lock.writeLock() : lock.readLock();
        held.lock();
        try {
            return entry.handler().handle(command);
        } catch (CommandFailure failure) {
            return failure.toAnswer();
        } catch (RuntimeException e) {
            LOG.error("COMMAND_PROCESS_ERROR2 command {} failed", command.name(), e);
            return ControlAnswer.error("Error during command processing: " + e.getMessage());
        } finally {
            held.unlock();
        }
    }
}
